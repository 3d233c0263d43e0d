import type { PatientLedger } from '../store/repository.js';

/**
 * One export's audit trail: the patients it has named so far, and its events still being stored. Bounded:
 * past `capacity` ids it starts afresh, so an export of millions of patients keeps a few megabytes and at
 * worst names a patient in a second event — never leaves one out. A page's event is stored while the next
 * page is read; the export waits for its events when they fall behind (`caughtUp`), and completes (and its
 * files can be fetched) only after `allStored`.
 */
export class ExportLedger implements PatientLedger {
  private named = new Set<string>();
  private unsettled = 0;
  private waiting: { atMost: number; wake: () => void }[] = [];
  private failure: unknown;

  constructor(private readonly capacity = 200_000) {}

  fresh(ids: string[]): string[] {
    const out: string[] = [];
    for (const id of ids) {
      if (this.named.has(id)) continue;
      if (this.named.size >= this.capacity) this.named = new Set();
      this.named.add(id);
      out.push(id);
    }
    return out;
  }

  settle(stored: Promise<void>): void {
    this.unsettled++;
    // the failure is kept for caughtUp and allStored, never left unhandled
    void stored
      .catch((err: unknown) => void (this.failure ??= err))
      .finally(() => {
        this.unsettled--;
        const ready = this.waiting.filter((w) => this.unsettled <= w.atMost);
        this.waiting = this.waiting.filter((w) => this.unsettled > w.atMost);
        ready.forEach((w) => w.wake());
      });
  }

  /**
   * At most `atMost` events are still being stored; rejects with the first failure. An export reads pages
   * faster than a page naming thousands of patients for the first time has its event stored, and each event
   * waiting holds all those patients in memory: reading waits here instead.
   */
  async caughtUp(atMost: number): Promise<void> {
    if (this.unsettled > atMost) await new Promise<void>((wake) => this.waiting.push({ atMost, wake }));
    if (this.failure !== undefined) throw this.failure;
  }

  /** Every event settled so far is stored; rejects with the first failure. */
  allStored(): Promise<void> {
    return this.caughtUp(0);
  }
}
