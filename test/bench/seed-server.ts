import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Bundle } from '@medplum/fhirtypes';
import { createdIds, observationBundle, patientBundle, serviceBundle } from './bundles.js';

export interface SeedPlan {
  patients: number;
  observations: number;
  /** service Encounters (what the activity indicators count) */
  services: number;
  /** entries per transaction */
  bundleSize: number;
  /** transactions in flight at once per server: one keeps a server's CPU busy while PostgreSQL writes another */
  inFlight: number;
}

export interface SeedResult {
  patientIds: string[];
  resources: number;
  seconds: number;
  perSecond: number;
}

/**
 * Loads the data set through the transaction endpoint of one or more API processes (the API is stateless,
 * so a bulk import can spread over several), as a client would: Patients first (their server-assigned ids
 * come back in the response), then the Observations that refer to them.
 */
export async function seedThroughServer(
  fhirBases: string[],
  accessToken: string,
  plan: SeedPlan,
  progress: (line: string) => void,
  /** database upkeep (ANALYZE) after every tenth of the data set, counted in the seeding time */
  upkeep: () => Promise<void> = async () => undefined,
): Promise<SeedResult> {
  const start = performance.now();
  const patientIds: string[] = new Array(plan.patients);
  const lanes = fhirBases.flatMap((base) => Array.from({ length: plan.inFlight }, () => base));
  const every = Math.max(plan.bundleSize, Math.ceil((plan.patients + plan.observations + plan.services) / 10));
  let written = 0;
  const wrote = async (count: number): Promise<void> => {
    written += count;
    // The lane that crosses a tenth does the upkeep; the others keep loading meanwhile.
    if (Math.floor(written / every) > Math.floor((written - count) / every)) await upkeep();
  };
  await inChunks(plan.patients, plan.bundleSize, lanes, async (fhirBase, from, count) => {
    const ids = createdIds(await post(fhirBase, accessToken, patientBundle(from, count)));
    ids.forEach((typeAndId, i) => (patientIds[from + i] = typeAndId.slice('Patient/'.length)));
    await wrote(count);
  });
  const patientsDone = performance.now();
  progress(`  ${plan.patients} Patients in ${((patientsDone - start) / 1000).toFixed(1)} s`);
  // Records that refer to the Patients, kind after kind.
  const seedRecords = async (label: string, total: number, bundle: (from: number, count: number) => Bundle): Promise<void> => {
    const kindStart = performance.now();
    let done = 0;
    await inChunks(total, plan.bundleSize, lanes, async (fhirBase, from, count) => {
      await post(fhirBase, accessToken, bundle(from, count));
      await wrote(count);
      done += count;
      if (done % (plan.bundleSize * 100) === 0) progress(`  ${done} ${label}…`);
    });
    progress(`  ${total} ${label} in ${((performance.now() - kindStart) / 1000).toFixed(1)} s`);
  };
  for (const [label, total, bundle] of [
    ['Observations', plan.observations, observationBundle],
    ['service Encounters', plan.services, serviceBundle],
  ] as const) {
    await seedRecords(label, total, (from, count) => bundle(from, count, patientIds));
  }
  const seconds = (performance.now() - start) / 1000;
  const resources = plan.patients + plan.observations + plan.services;
  return { patientIds, resources, seconds, perSecond: resources / seconds };
}

/**
 * One transaction over its own connection: a transaction of 1,000 entries can take longer than the server's
 * keep-alive timeout, and a POST sent on a connection the server is just closing fails without being retried.
 */
function post(fhirBase: string, accessToken: string, bundle: Bundle): Promise<Bundle> {
  const body = JSON.stringify(bundle);
  return new Promise((resolve, reject) => {
    const req = http.request(
      fhirBase,
      {
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/fhir+json',
          accept: 'application/fhir+json',
          authorization: `Bearer ${accessToken}`,
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) reject(new Error(`seeding transaction failed with ${res.statusCode}: ${text.slice(0, 500)}`));
          else resolve(JSON.parse(text) as Bundle);
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Calls `fn` on consecutive ranges of [0, total), one range at a time per lane, all lanes at once. */
async function inChunks<L>(
  total: number,
  size: number,
  lanes: L[],
  fn: (lane: L, from: number, count: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (lane: L): Promise<void> => {
    while (next < total) {
      const from = next;
      next += size;
      await fn(lane, from, Math.min(size, total - from));
    }
  };
  await Promise.all(lanes.map(worker));
}
