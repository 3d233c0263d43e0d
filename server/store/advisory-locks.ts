import type { Queryable } from './database.js';

/**
 * Waits for, then holds until the caller's transaction ends, one advisory lock per key (a 64-bit hash of
 * it): every other transaction asking for one of these keys waits until this one commits or rolls back.
 * For what has no row to lock yet (a resource about to be created, a conditional create's criteria).
 * The keys are taken in sorted order, so two transactions asking for overlapping sets cannot deadlock;
 * `db` must be inside a transaction, or the locks would be released at once.
 */
export async function lockUntilTransactionEnds(db: Queryable, keys: string[]): Promise<void> {
  const sorted = [...new Set(keys)].sort();
  if (sorted.length === 0) return;
  // A function scan yields the array in its order and count() consumes it row by row: locks in sorted order.
  await db.query('SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0))) FROM unnest($1::text[]) AS k', [sorted]);
}
