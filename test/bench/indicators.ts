import { randomBytes } from 'node:crypto';
import { createUser } from '../../server/auth/admin/create-user.js';
import { createAuthServices } from '../../server/auth/auth-services.js';
import { loadConfig } from '../../server/config.js';
import { openDatabase } from '../../server/store/database.js';
import { median } from '../../server/reports/indicator.js';
import type { ResultRow } from './table.js';

export interface IndicatorTiming {
  runs: number;
  /** median wall time of one evaluation, milliseconds */
  medianMs: number;
  maxMs: number;
  services: number | undefined;
}

/** A year of the synthetic programme period (seed/synthetic.ts), in which most seeded services fall. */
const YEAR = { start: '2021-01-01', end: '2021-12-31' };

/**
 * The activity indicators over one year, as a reporter of the benchmark's organisation asks for them
 * (`Measure/{id}/$evaluate-measure`, suppressed): every Encounter of the year in reach is counted, with
 * the first service ever of each person served and their disaggregations. Timed one request at a time.
 */
export async function timeActivityIndicators(databaseUrl: string, dataDir: string, origin: string, runs = 3): Promise<IndicatorTiming> {
  const token = await reporterToken(databaseUrl, dataDir, origin);
  const headers = { Authorization: `Bearer ${token}`, Accept: 'application/fhir+json' };
  const found = (await (await fetch(`${origin}/fhir/R4/Measure?url=https://hiwa.health/fhir/Measure/activity`, { headers })).json()) as {
    entry: { resource: { id: string } }[];
  };
  const id = found.entry[0].resource.id;
  const query = `periodStart=${YEAR.start}&periodEnd=${YEAR.end}`;
  const times: number[] = [];
  let services: number | undefined;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const res = await fetch(`${origin}/fhir/R4/Measure/${id}/$evaluate-measure?${query}`, { headers });
    const report = (await res.json()) as { group?: { code: { coding: { code: string }[] }; population: { count?: number }[] }[] };
    times.push(performance.now() - t0);
    if (!res.ok) throw new Error(`$evaluate-measure answered ${res.status}: ${JSON.stringify(report)}`);
    services = report.group?.find((g) => g.code.coding[0].code === 'services')?.population[0].count;
  }
  return { runs, medianMs: median(times) ?? 0, maxMs: Math.max(...times), services };
}

/** A reporter of the organisation the benchmark's caseworker belongs to, logged in over HTTP. */
async function reporterToken(databaseUrl: string, dataDir: string, origin: string): Promise<string> {
  const store = await openDatabase({ databaseUrl, poolSize: 2 });
  const username = 'bench.reporter';
  const password = randomBytes(18).toString('base64url');
  try {
    const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dataDir, DEMO_MODE: 'false' });
    const auth = createAuthServices({ pool: store.pool, config });
    const { rows } = await store.pool.query<{ id: string }>(
      `SELECT id FROM resource WHERE resource_type = 'Organization' AND content::jsonb->>'name' = 'MHPSS Programme (benchmark)' LIMIT 1`,
    );
    await createUser(auth, { username, password, role: 'reporter', organization: rows[0].id, sites: [], givenName: 'Benchmark', familyName: 'Reporter' });
  } finally {
    await store.close();
  }
  const res = await fetch(`${origin}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const body = (await res.json()) as { access_token?: string };
  if (!res.ok || !body.access_token) throw new Error(`login failed with ${res.status}: ${JSON.stringify(body)}`);
  return body.access_token;
}

export function indicatorRows(t: IndicatorTiming): ResultRow[] {
  const counted = t.services === undefined ? 'services suppressed' : `${t.services.toLocaleString('en')} services`;
  return [
    {
      scenario: `activity indicators over one year, reporter (${counted}; median of ${t.runs}, max ${(t.maxMs / 1000).toFixed(2)} s)`,
      rate: `${(t.medianMs / 1000).toFixed(2)} s`,
      target: '< 5 s',
      met: t.maxMs < 5000,
    },
  ];
}
