import type pg from 'pg';
import type { BundleEntry } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { fhirClient } from '../support/server.js';
import { useTestServer } from '../support/suite.js';

/**
 * GET /healthz answers at once whatever the database is doing: 200 when it answers, 503 `busy` while every
 * connection of the process is in use. On PostgreSQL a large transaction holds one connection of the pool,
 * so /healthz and everyone else's requests go on being answered while it runs.
 */

const suite = useTestServer();
const onPostgres = process.env.DATABASE_URL !== undefined;

const healthz = async () => {
  const res = await fetch(`${suite.server.origin}/healthz`);
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as { status: string } };
};

describe('GET /healthz', () => {
  it('answers 503 busy while every connection of the pool is held, and 200 once one is free again', async () => {
    const pool = suite.server.store.pool;
    const held: pg.PoolClient[] = [];
    for (let i = 0; i < (pool.options.max ?? 10); i++) held.push(await pool.connect());
    try {
      const busy = await healthz();
      expect(busy.status).toBe(503);
      expect(busy.body.status).toBe('busy');
      expect(busy.retryAfter).toBe('1');
    } finally {
      held.forEach((client) => client.release());
    }
    const ok = await healthz();
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('ok');
  });

  // The embedded database has one connection: while a transaction runs, other database work waits for it by
  // nature, and /healthz says `busy` (the test above). Only a server has connections to spare.
  it.skipIf(!onPostgres)('answers 200, as does a read by another user, while a large transaction is written on PostgreSQL', async () => {
    const { server } = suite;
    const tokenOf = async () => {
      const account = await server.createAccount({ role: 'caseworker' });
      return (await server.login(account.username, account.password)).access_token;
    };
    const writer = fhirClient(server.fhirBase, { Authorization: `Bearer ${await tokenOf()}` });
    const reader = fhirClient(server.fhirBase, { Authorization: `Bearer ${await tokenOf()}` });
    const own = (await reader('POST', 'Patient', { resourceType: 'Patient', name: [{ family: 'Reader' }] })).body;

    const entries: BundleEntry[] = Array.from({ length: 1200 }, (_, i) => ({
      resource: { resourceType: 'Patient', name: [{ family: 'Bulk', given: [`N${i}`] }] },
      request: { method: 'POST', url: 'Patient' },
    }));
    let answered = false;
    const large = writer('POST', '', { resourceType: 'Bundle', type: 'transaction', entry: entries }).finally(() => {
      answered = true;
    });
    await transactionWriting(server.store.pool, () => answered);

    const [health, read] = await Promise.all([healthz(), reader('GET', `Patient/${own.id}`)]);
    expect(answered, 'the transaction was still under way when both answered').toBe(false);
    expect(health.status).toBe(200);
    expect(read.status).toBe(200);
    const done = await large;
    expect(done.status).toBe(200);
    expect(done.body.entry).toHaveLength(1200);
  }, 180_000); // a shared machine may take a while to write 1,200 Patients; the test bounds nothing by time
});

/**
 * Resolves once another connection of this schema holds a write lock on `resource`: the transaction has
 * written its first versions and is not committed yet. Polls at most 60 s.
 */
async function transactionWriting(pool: pg.Pool, finished: () => boolean): Promise<void> {
  const sql = `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
    WHERE c.relname = 'resource' AND c.relnamespace = current_schema()::regnamespace
      AND l.mode = 'RowExclusiveLock' AND l.granted AND l.pid <> pg_backend_pid()`;
  for (let i = 0; i < 6000 && !finished(); i++) {
    if ((await pool.query<{ n: number }>(sql)).rows[0].n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the large transaction was never seen writing');
}
