import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import type { Bundle, BundleEntry } from '@medplum/fhirtypes';
import { z } from 'zod';
import { startTestServer } from '../support/server.js';

/**
 * `npm run bench:bundles [-- --sizes 2000,4000,8000,16000 --reads 2000,4000,8000]`: how the time of one
 * transaction of minimal Patients, and of one batch of reads, grows with its entries, sent by a caseworker;
 * and how long /healthz takes to answer meanwhile (asked every 250 ms). The time per 1,000 entries should stay
 * flat. On the PostgreSQL server of DATABASE_URL (a schema of its own, dropped after) or, without it, on an
 * embedded database in memory. MAX_BUNDLE_ENTRIES is raised to the largest size for the run.
 */
const sizesFlag = z
  .string()
  .regex(/^\d+(,\d+)*$/, 'a comma-separated list of entry counts')
  .transform((s) => s.split(',').map(Number))
  .pipe(z.array(z.number().int().min(1).max(100_000)));
const flags = z
  .strictObject({ sizes: sizesFlag.default([2000, 4000, 8000, 16000]), reads: sizesFlag.default([2000, 4000, 8000]) })
  .parse(parseArgs({ options: { sizes: { type: 'string' }, reads: { type: 'string' } }, strict: true }).values);

const REQUEST_TIMEOUT_MS = 30 * 60 * 1000;
const largest = Math.max(...flags.sizes, ...flags.reads);
const server = await startTestServer({ env: { MAX_BUNDLE_ENTRIES: String(largest), LOG_LEVEL: 'silent' } });
try {
  const account = await server.createAccount({ role: 'caseworker' });
  const token = (await server.login(account.username, account.password)).access_token;
  const post = async (bundle: Bundle): Promise<Bundle> => {
    const res = await fetch(server.fhirBase, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/fhir+json' },
      body: JSON.stringify(bundle),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (res.status !== 200) throw new Error(`the Bundle was answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as Bundle;
  };
  const lines: string[] = [];
  const report = (kind: string, entries: number, timed: Timed) =>
    lines.push(
      `| ${kind} | ${entries.toLocaleString('en')} | ${timed.seconds.toFixed(1)} | ${((timed.seconds * 1000) / entries).toFixed(2)} | ${timed.healthzMaxMs.toFixed(0)} |`,
    );

  let created: string[] = [];
  for (const n of flags.sizes) {
    const entry: BundleEntry[] = Array.from({ length: n }, (_, i) => ({
      resource: { resourceType: 'Patient', name: [{ family: `Scaling${n}`, given: [`N${i}`] }], gender: 'female' },
      request: { method: 'POST', url: 'Patient' },
    }));
    const timed = await timedWithHealthz(server.origin, () => post({ resourceType: 'Bundle', type: 'transaction', entry }));
    created = (timed.result.entry ?? []).map((e) => `Patient/${e.resource?.id}`);
    report('transaction of POST Patient', n, timed);
  }
  for (const n of flags.reads) {
    const entry: BundleEntry[] = Array.from({ length: n }, (_, i) => ({ request: { method: 'GET', url: created[i % created.length] } }));
    report('batch of GET Patient/id', n, await timedWithHealthz(server.origin, () => post({ resourceType: 'Bundle', type: 'batch', entry })));
  }
  process.stdout.write(
    [`database: ${server.store.kind}`, '| bundle | entries | seconds | ms per entry | /healthz slowest answer, ms |', '|---|---|---|---|---|', ...lines, ''].join('\n'),
  );
} finally {
  await server.close();
}

interface Timed {
  result: Bundle;
  seconds: number;
  healthzMaxMs: number;
}

/** Runs `send`, asking /healthz every 250 ms while it is under way; the slowest answer is the figure. */
async function timedWithHealthz(origin: string, send: () => Promise<Bundle>): Promise<Timed> {
  let healthzMaxMs = 0;
  let running = true;
  const probing = (async () => {
    while (running) {
      const asked = performance.now();
      await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }).then((r) => r.arrayBuffer());
      healthzMaxMs = Math.max(healthzMaxMs, performance.now() - asked);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  const started = performance.now();
  try {
    const result = await send();
    return { result, seconds: (performance.now() - started) / 1000, healthzMaxMs };
  } finally {
    running = false;
    await probing;
  }
}
