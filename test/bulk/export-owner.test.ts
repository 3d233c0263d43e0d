import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deactivateUser } from '../../server/auth/admin/deactivate-user.js';
import { secondProcess } from '../support/second-process.js';
import { useTestServer } from '../support/suite.js';
import { awaitManifest, kickOff } from './bulk-client.js';

/**
 * An export runs as the account that asked for it, after the request that queued it has answered: once that
 * account is deactivated, the export reads nothing more. Its job fails, saying why, and leaves no file.
 * This server queues exports and runs none; a second API process on the same database is the worker.
 */

const SITE_EXT = 'https://hiwa.health/fhir/StructureDefinition/registration-site';
const suite = useTestServer({ env: { JOB_WORKER: 'false' } });

async function supervisorToken(): Promise<{ username: string; token: string }> {
  const account = await suite.server.createAccount({ role: 'supervisor' });
  return { username: account.username, token: (await suite.server.login(account.username, account.password)).access_token };
}

async function jobOf(statusUrl: string): Promise<{ id: string; status: string; error: string | null }> {
  const id = statusUrl.split('/').pop() as string;
  const { rows } = await suite.server.store.pool.query<{ status: string; error: string | null }>('SELECT status, error FROM job WHERE id = $1', [id]);
  return { id, ...rows[0] };
}

async function settled(statusUrl: string): Promise<{ id: string; status: string; error: string | null }> {
  const until = Date.now() + 30_000;
  for (;;) {
    const job = await jobOf(statusUrl);
    if (!['queued', 'running'].includes(job.status) || Date.now() > until) return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('an export whose account is deactivated before it runs', () => {
  it('fails without reading: the job says the account was deactivated and no file is left; an active account’s export runs', async () => {
    const created = await suite.fhir('POST', 'Patient', {
      resourceType: 'Patient',
      name: [{ family: 'Owner', given: ['Export'] }],
      managingOrganization: { reference: `Organization/${suite.server.organizationId}` },
      extension: [{ url: SITE_EXT, valueReference: { reference: `Location/${suite.server.siteId}` } }],
    });
    expect(created.status).toBe(201);
    const leaving = await supervisorToken();
    const staying = await supervisorToken();
    const refused = await kickOff(suite.server.fhirBase, leaving.token, 'Patient/$export');
    const allowed = await kickOff(suite.server.fhirBase, staying.token, 'Patient/$export');
    expect([refused.status, allowed.status]).toEqual([202, 202]);
    await deactivateUser(suite.server.auth, leaving.username);

    const worker = await secondProcess(suite.server);
    try {
      const manifest = await awaitManifest(allowed.statusUrl as string, staying.token);
      expect(manifest.output.find((o) => o.type === 'Patient')?.count).toBe(1);
      const job = await settled(refused.statusUrl as string);
      expect(job.status).toBe('failed');
      expect(job.error).toBe('the account or client that asked for it has been deactivated');
      expect(fs.existsSync(path.join(suite.server.dataDir, 'exports', job.id))).toBe(false);
    } finally {
      await worker.close();
    }
  });
});
