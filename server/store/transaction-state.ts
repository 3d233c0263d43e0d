import type { AuditRecord } from './audit-store.js';

/**
 * What one database transaction carries besides its connection, shared by every Repository bound to it:
 * refusals to record once it is over, lookups remembered until it writes what they read, and work to do
 * once, just before it commits.
 */
export class TransactionState {
  /** refusals inside the transaction, recorded after it (a rollback must not erase them) */
  readonly failures: AuditRecord[] = [];
  private readonly lookups = new Map<string, Map<string, Promise<unknown>>>();
  private pending = new Map<string, () => Promise<void>>();

  /** `commitsItself`: false when someone else opened the transaction and commits it (inOpenTransaction) */
  constructor(readonly commitsItself: boolean) {}

  /**
   * The answer of a lookup of `resourceType` resources, made once per key: later calls share it until the
   * transaction writes a resource of that type. A failed lookup is not remembered.
   */
  remembered<T>(resourceType: string, key: string, lookup: () => Promise<T>): Promise<T> {
    const ofType = this.lookups.get(resourceType) ?? new Map<string, Promise<unknown>>();
    this.lookups.set(resourceType, ofType);
    const known = ofType.get(key);
    if (known !== undefined) return known as Promise<T>;
    const answer = lookup();
    ofType.set(key, answer);
    answer.catch(() => ofType.delete(key));
    return answer;
  }

  /** The transaction writes resources of these types: what was looked up of them may have changed. */
  wrote(resourceTypes: Iterable<string>): void {
    for (const type of resourceTypes) this.lookups.delete(type);
  }

  /** Work to do once per key before the commit; a later call with the same key replaces the earlier work. */
  atCommit(key: string, work: () => Promise<void>): void {
    this.pending.set(key, work);
  }

  /** Runs `part`; if it fails, the work it asked for goes with it (a savepoint undone). */
  async undoableWith<T>(part: () => Promise<T>): Promise<T> {
    const before = new Map(this.pending);
    try {
      return await part();
    } catch (err) {
      this.pending = before;
      throw err;
    }
  }

  /** The work asked for, until none is left (work may ask for more, which runs after it). */
  async runAtCommit(): Promise<void> {
    for (let round = 0; this.pending.size > 0; round++) {
      if (round === 100) throw new Error('work at commit keeps asking for more work');
      const work = [...this.pending.values()];
      this.pending.clear();
      for (const w of work) await w();
    }
  }
}
