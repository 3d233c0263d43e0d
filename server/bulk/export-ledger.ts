import type { PatientLedger } from '../store/repository.js';

/**
 * One export's audit trail: the patients it has named so far, and its events still being stored. Bounded:
 * past `capacity` ids it starts afresh, so an export of millions of patients keeps a few megabytes and at
 * worst names a patient in a second event — never leaves one out. A page's event is stored while the next
 * page is read; the export completes (and its files can be fetched) only after `allStored`.
 */
export class ExportLedger implements PatientLedger {
  private named = new Set<string>();
  private storing: Promise<void>[] = [];
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
    // the failure is kept for allStored, never left unhandled
    this.storing.push(stored.catch((err: unknown) => void (this.failure ??= err)));
    if (this.storing.length > 64) this.storing = [Promise.all(this.storing).then(() => undefined)];
  }

  /** Every event settled so far is stored; rejects with the first failure. */
  async allStored(): Promise<void> {
    await Promise.all(this.storing);
    if (this.failure !== undefined) throw this.failure;
  }
}
