import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { readInOneSnapshot } from '../../server/store/snapshot-reads.js';
import { useTestServer } from '../support/suite.js';

const suite = useTestServer();

describe('reads side by side in one snapshot', () => {
  it('gives each reader a read-only REPEATABLE READ transaction and returns the connections', async () => {
    const pool = suite.server.store.pool;
    const seen = await readInOneSnapshot(pool, 2, (readers) =>
      Promise.all(
        readers.map(async (db) => ({
          isolation: (await db.query<{ v: string }>('SELECT current_setting($1) AS v', ['transaction_isolation'])).rows[0].v,
          readOnly: (await db.query<{ v: string }>('SELECT current_setting($1) AS v', ['transaction_read_only'])).rows[0].v,
        })),
      ),
    );
    expect(seen).toEqual([
      { isolation: 'repeatable read', readOnly: 'on' },
      { isolation: 'repeatable read', readOnly: 'on' },
    ]);
    expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows[0].one).toBe(1);
  });

  it('rejects with the failure of a read, and the pool still answers afterwards', async () => {
    const pool = suite.server.store.pool;
    await expect(readInOneSnapshot(pool, 2, ([a, b]) => Promise.all([a.query('SELECT 1'), b.query('SELECT * FROM no_such_table')]))).rejects.toThrow(
      /no_such_table/,
    );
    expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows[0].one).toBe(1);
  });

  it.runIf(process.env.DATABASE_URL !== undefined)('on a PostgreSQL server: a row committed while the readers run is seen by none of them', async () => {
    const pool = suite.server.store.pool;
    await pool.query('CREATE TABLE IF NOT EXISTS snapshot_probe (n int)');
    await pool.query('TRUNCATE snapshot_probe');
    await pool.query('INSERT INTO snapshot_probe VALUES (1)');
    const writer = await pool.connect();
    try {
      const counts = await readInOneSnapshot(pool, 2, async ([a, b]) => {
        const first = (await a.query<{ n: string }>('SELECT count(*) AS n FROM snapshot_probe')).rows[0].n;
        await writer.query('INSERT INTO snapshot_probe VALUES (2)'); // committed at once, after the snapshot
        const second = (await b.query<{ n: string }>('SELECT count(*) AS n FROM snapshot_probe')).rows[0].n;
        return [first, second];
      });
      expect(counts).toEqual(['1', '1']);
      expect((await pool.query<{ n: string }>('SELECT count(*) AS n FROM snapshot_probe')).rows[0].n).toBe('2');
    } finally {
      writer.release();
      await pool.query('DROP TABLE snapshot_probe');
    }
  });
  it.runIf(process.env.DATABASE_URL !== undefined)('gives back the connections it had when it cannot have them all', async () => {
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 3, connectionTimeoutMillis: 300 });
    try {
      const held = [await pool.connect(), await pool.connect()];
      // two wanted, one free: one connection is had, the other times out
      await expect(readInOneSnapshot(pool, 2, async () => 'read')).rejects.toThrow(/timeout/i);
      for (const c of held) c.release();
      // all three can be had again: none was kept by the failed attempt
      const again = await Promise.all([pool.connect(), pool.connect(), pool.connect()]);
      for (const c of again) c.release();
    } finally {
      await pool.end();
    }
  });
});
