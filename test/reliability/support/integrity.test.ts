import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../support/server.js';
import { checkIntegrity, faults } from './integrity.js';
import { runWriters, WriteLedger } from './write-workload.js';

/**
 * The reliability suite's integrity check, run here on a database written by its own workload and then
 * damaged on purpose: each kind of damage is named, so a clean report after a crash means something.
 */
let server: TestServer;
let ledger: WriteLedger;

beforeAll(async () => {
  server = await startTestServer();
  ledger = new WriteLedger();
  const login = { username: server.account.username, password: server.account.password, organizationId: server.organizationId, siteId: server.siteId };
  await runWriters({ fhirBase: server.fhirBase, token: server.token, login, writers: 2, ledger, stopped: () => ledger.transactions.size >= 2 });
});
afterAll(() => server.close());

/** Runs `damage` in a transaction that is rolled back after the check, so each case starts from a clean database. */
async function reportAfter(damage: string[]): Promise<ReturnType<typeof faults>> {
  const client = await server.store.pool.connect();
  try {
    await client.query('BEGIN');
    for (const statement of damage) await client.query(statement);
    return faults(await checkIntegrity(client, ledger));
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
}

const updated = (): string => [...ledger.acknowledged].find(([, a]) => a.versionId > 1)?.[0] as string;

describe('checkIntegrity', () => {
  it('finds nothing wrong with what the workload wrote', async () => {
    expect(ledger.answers.every((a) => a.status >= 200 && a.status < 300)).toBe(true);
    expect(await reportAfter([])).toEqual({});
  });

  it('names an acknowledged version that is not stored, and the history that no longer matches', async () => {
    const id = updated();
    const { versionId } = ledger.acknowledged.get(id) as { versionId: number };
    const report = await reportAfter([`DELETE FROM resource_history WHERE resource_type = 'Patient' AND id = '${id}' AND version_id = ${versionId}`]);
    expect(report).toMatchObject({ acknowledgedMissing: [id], historyMismatches: 1, versionGaps: 1 });
  });

  it('names a transaction of which only a part is stored', async () => {
    const [txn, { size }] = [...ledger.transactions][0];
    const report = await reportAfter([
      `DELETE FROM resource_history WHERE ctid = (SELECT ctid FROM resource_history WHERE content LIKE '%${txn}%' LIMIT 1)`,
    ]);
    expect(report.transactionsPartial).toEqual([`${txn}: ${size - 1} of ${size}`]);
    expect(report.transactionsAcknowledgedMissing).toEqual([txn]);
  });

  it('names index rows of an earlier version, of a deleted resource, and missing ones', async () => {
    const id = updated();
    const stale = await reportAfter([
      `INSERT INTO sp_string (resource_type, resource_id, param, value, exact) VALUES ('Patient', '${id}', 'family', 'old', 'Old')`,
    ]);
    expect(stale).toMatchObject({ staleIndexRows: 1, missingIndexRows: 1 });
    const deleted = await reportAfter([`UPDATE resource SET deleted = true WHERE resource_type = 'Patient' AND id = '${id}'`]);
    expect(deleted.orphanIndexRows).toBeGreaterThan(0);
    const missing = await reportAfter([`DELETE FROM sp_token WHERE resource_type = 'Patient' AND resource_id = '${id}' AND param = 'identifier'`]);
    expect(missing).toEqual({ missingIndexRows: 1 });
  });

  it('names a create stored twice', async () => {
    const id = updated();
    const report = await reportAfter([
      `INSERT INTO resource (resource_type, id, version_id, last_updated, content)
       SELECT resource_type, id || '-twin', version_id, last_updated, content FROM resource WHERE resource_type = 'Patient' AND id = '${id}'`,
    ]);
    expect(report.duplicateCreates).toHaveLength(1);
  });
});
