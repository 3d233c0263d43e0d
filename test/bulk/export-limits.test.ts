import { describe, expect, it } from 'vitest';
import { useTestServer } from '../support/suite.js';
import { kickOff } from './bulk-client.js';

/**
 * One client may have EXPORTS_PER_CLIENT exports queued or running; a kick-off beyond them is refused with
 * 429 and Retry-After (the IG's answer to a server too busy to take it), so that one client cannot fill the
 * job queue every API process works from. No worker runs here: what is kicked off stays queued.
 */
const suite = useTestServer({ env: { JOB_WORKER: 'false', EXPORTS_PER_CLIENT: '2' } });

/** A supervisor of their own (each test is one client), signed in. */
async function newClient(): Promise<string> {
  const account = await suite.server.createAccount({ role: 'supervisor' });
  return (await suite.server.login(account.username, account.password)).access_token;
}

async function queuedExports(): Promise<number> {
  const { rows } = await suite.server.store.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM job WHERE status = 'queued'`);
  return rows[0].n;
}

describe('exports under way per client', () => {
  it('beyond the limit a kick-off is a 429 OperationOutcome with Retry-After, and nothing is queued for it', async () => {
    const token = await newClient();
    for (let i = 0; i < 2; i++) expect((await kickOff(suite.server.fhirBase, token, '$export')).status).toBe(202);
    const before = await queuedExports();
    const refused = await kickOff(suite.server.fhirBase, token, 'Patient/$export');
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toBe('60');
    expect(refused.body.resourceType).toBe('OperationOutcome');
    expect(refused.body.issue[0].code).toBe('throttled');
    expect(refused.body.issue[0].diagnostics).toMatch(/2 exports queued or running/);
    expect(await queuedExports()).toBe(before);
  });

  it('the refusal is in the audit trail as a failed operation', async () => {
    const refusals = async (): Promise<string[]> =>
      (
        await suite.server.store.pool.query<{ outcome: string }>(
          `SELECT outcome FROM audit_event WHERE subtype_code = 'operation' AND content LIKE '%exports queued or running%'`,
        )
      ).rows.map((r) => r.outcome);
    const token = await newClient();
    for (let i = 0; i < 2; i++) await kickOff(suite.server.fhirBase, token, '$export');
    const before = await refusals();
    expect((await kickOff(suite.server.fhirBase, token, '$export')).status).toBe(429);
    expect(await refusals()).toEqual([...before, '4']);
  });

  it('counts each client on its own: another client is not held back', async () => {
    const busy = await newClient();
    for (let i = 0; i < 2; i++) await kickOff(suite.server.fhirBase, busy, '$export');
    expect((await kickOff(suite.server.fhirBase, busy, '$export')).status).toBe(429);
    expect((await kickOff(suite.server.fhirBase, await newClient(), '$export')).status).toBe(202);
  });

  it('cancelling an export makes room for another', async () => {
    const token = await newClient();
    const first = await kickOff(suite.server.fhirBase, token, '$export');
    await kickOff(suite.server.fhirBase, token, '$export');
    expect((await kickOff(suite.server.fhirBase, token, '$export')).status).toBe(429);
    const cancelled = await fetch(first.statusUrl as string, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
    expect(cancelled.status).toBe(202);
    expect((await kickOff(suite.server.fhirBase, token, '$export')).status).toBe(202);
  });

  it('kick-offs sent at once by one client: exactly as many accepted as the limit allows', async () => {
    const token = await newClient();
    const answers = await Promise.all(Array.from({ length: 20 }, () => kickOff(suite.server.fhirBase, token, '$export')));
    const accepted = answers.filter((a) => a.status === 202).length;
    expect([accepted, answers.length - accepted]).toEqual([2, 18]);
    expect(answers.every((a) => a.status === 202 || a.status === 429)).toBe(true);
  });
});
