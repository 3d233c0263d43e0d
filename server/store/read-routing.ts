import type { Queryable } from './database.js';

/**
 * Decides where a caller's searches run when there is a read replica: on the replica, except for a caller
 * who wrote within the last `windowMs`, whose searches stay on the primary so that they see their own
 * writes (a streaming replica applies a commit some milliseconds after the primary acknowledged it).
 *
 * The record of recent writers lives in this process: it holds across API processes when the proxy sends
 * one caller's requests to one process (`hash $http_authorization` in deploy/nginx/hiwa.conf).
 */
export class ReadRouting {
  /** caller key → when they last wrote; in write order, so the oldest are at the front */
  private readonly lastWrite = new Map<string, number>();

  constructor(
    private readonly primary: Queryable,
    private readonly replica: Queryable,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records that `caller` has just written (call it once the write is committed). */
  wrote(caller: string): void {
    const at = this.now();
    this.lastWrite.delete(caller);
    this.lastWrite.set(caller, at);
    // Forget writers whose window has passed, so the record holds only the last few seconds' writers.
    for (const [key, when] of this.lastWrite) {
      if (at - when < this.windowMs) break;
      this.lastWrite.delete(key);
    }
  }

  /** Where `caller`'s next search runs. */
  searchesFor(caller: string): Queryable {
    const when = this.lastWrite.get(caller);
    return when !== undefined && this.now() - when < this.windowMs ? this.primary : this.replica;
  }

  /** How many callers are inside their window (bounded by the writers of the last `windowMs`). */
  get recentWriters(): number {
    return this.lastWrite.size;
  }
}
