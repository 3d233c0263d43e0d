import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../support/suite.js';
import { download, poll, runExport } from './bulk-client.js';

/**
 * Export files are kept for EXPORT_RETENTION_SECONDS after the export finished (the manifest's `Expires`),
 * then the status and the files answer 404 and the files are removed from the export directory.
 */
const suite = useTestServer({ env: { EXPORT_RETENTION_SECONDS: '2' } });

describe('expiry', () => {
  it('after the retention time the status and files are 404 and the directory is gone', async () => {
    const { server } = suite;
    await suite.fhir('POST', 'Patient', { resourceType: 'Patient', name: [{ family: 'Expiring' }] });
    const started = Date.now();
    const { statusUrl, manifest } = await runExport(server.fhirBase, server.token, 'Patient/$export?_type=Patient');
    expect(manifest.output.length).toBe(1);
    const status = await poll(statusUrl, server.token);
    const expires = Date.parse(status.headers.get('expires') ?? '');
    expect(expires).toBeGreaterThan(started - 1000);
    expect(expires).toBeLessThan(Date.now() + 3000);

    const jobId = statusUrl.split('/').pop() as string;
    const dir = path.join(server.dataDir, 'exports', jobId);
    expect(fs.existsSync(dir)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await poll(statusUrl, server.token)).status).toBe(404);
    expect((await download(manifest.output[0].url, server.token)).status).toBe(404);
    // The worker sweeps as often as the retention time: the files go within a few seconds more.
    const deadline = Date.now() + 15_000;
    while (fs.existsSync(dir) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(fs.existsSync(dir)).toBe(false);
  });
});
