import pg from 'pg';
import type { Queryable } from './database.js';

/** What `pg_export_snapshot()` returns (e.g. `00000003-0000001B-1`): checked before it is written into SQL. */
const SNAPSHOT_ID = /^[0-9A-F]+-[0-9A-F]+(-[0-9]+)?$/;

/** Groups of connections are formed one at a time, so two groups never each hold part of the pool waiting for the rest. */
let forming: Promise<unknown> = Promise.resolve();

/**
 * Runs reads on `readers` connections at once that all see one snapshot of the database, so that what one
 * read counts and what another looks up about it agree although they ran side by side (a service recorded
 * meanwhile is in neither). The first connection exports its snapshot (`pg_export_snapshot`) and the others
 * take it (`SET TRANSACTION SNAPSHOT`), each in a read-only REPEATABLE READ transaction.
 *
 * Where the pool cannot spare that many connections (the embedded database has one), the reads share one
 * connection in one such transaction, one after the other: the same answer. Where `db` is already one client
 * (inside a transaction), they run on it, in that transaction.
 */
export async function readInOneSnapshot<T>(db: Queryable, readers: number, fn: (dbs: Queryable[]) => Promise<T>): Promise<T> {
  if (!(db instanceof pg.Pool)) return fn(Array.from({ length: readers }, () => db));
  const pool = db;
  const wanted = (pool.options.max ?? 10) > readers ? readers : 1;
  const acquired = forming.then(() => connectAll(pool, wanted));
  forming = acquired.catch(() => undefined);
  const clients = await acquired;
  let failure: Error | undefined;
  try {
    const [first, ...others] = clients;
    await first.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    if (others.length > 0) {
      const { rows } = await first.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
      const id = rows[0].id;
      if (!SNAPSHOT_ID.test(id)) throw new Error(`unexpected snapshot id from the database: ${id.slice(0, 40)}`);
      await Promise.all(others.map((c) => c.query(`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET TRANSACTION SNAPSHOT '${id}'`)));
    }
    const result = await fn(Array.from({ length: readers }, (_, i) => clients[i % clients.length]));
    await Promise.all(clients.map((c) => c.query('COMMIT')));
    return result;
  } catch (err) {
    failure = err instanceof Error ? err : new Error(String(err));
    await Promise.all(clients.map((c) => c.query('ROLLBACK').catch(() => undefined)));
    throw err;
  } finally {
    // after a failure the connections are closed, not returned: one may have been left inside a statement
    for (const c of clients) c.release(failure);
  }
}

/** `count` connections of the pool, or none: if one cannot be had, those already had go back. */
async function connectAll(pool: pg.Pool, count: number): Promise<pg.PoolClient[]> {
  const settled = await Promise.allSettled(Array.from({ length: count }, () => pool.connect()));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  const clients = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  if (failed === undefined) return clients;
  for (const c of clients) c.release();
  throw failed.reason;
}
