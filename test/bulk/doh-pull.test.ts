import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../bench/server-process.js';
import { useTestServer } from '../support/suite.js';

/**
 * `npm run doh:pull`, as a Directorate engineer runs it: the demo's `doh-demo` client and its private key,
 * SMART Backend Services, a Patient-level export, the NDJSON files written to a folder. Only the patients
 * who consented to the exchange come out, and no PSY content.
 */
const suite = useTestServer({ demo: true });

describe('doh:pull', () => {
  it('writes the manifest and the NDJSON files of a Patient-level export with the doh-demo key', async () => {
    const { server } = suite;
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'hiwa-doh-pull-'));
    try {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', 'scripts/doh-pull.ts', '--out', out, '--base', server.fhirBase, '--key', server.demoSeed?.privateKeyFile as string],
        { cwd: repoRoot, timeout: 120_000 },
      );
      expect(stdout).toMatch(/wrote \d+ NDJSON files/);
      const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { output: { type: string; url: string; count: number }[] };
      const patients: string[] = [];
      for (const output of manifest.output) {
        const lines = fs.readFileSync(path.join(out, path.basename(output.url)), 'utf8').split('\n').filter(Boolean);
        expect(lines.length).toBe(output.count);
        for (const line of lines) {
          const resource = JSON.parse(line) as { resourceType: string; id: string; meta?: { security?: { code: string }[] } };
          expect(resource.meta?.security?.some((s) => s.code === 'PSY') ?? false).toBe(false);
          if (resource.resourceType === 'Patient') patients.push(resource.id);
        }
      }
      // The demo: a few beneficiaries consented to the exchange, of forty.
      expect(patients.length).toBeGreaterThan(0);
      expect(patients.length).toBeLessThan(40);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 180_000);
});
