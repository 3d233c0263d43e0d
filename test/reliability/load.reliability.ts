import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedThroughServer } from '../bench/seed-server.js';
import { loadSettings } from './load-support/load-settings.js';
import { runWorkday, type LoadResult } from './load-support/load-run.js';
import { formatP95Timeline, markdownTable, ms, printFigures } from './load-support/report.js';
import { formatCurve, judgeFlatness, RssSampler, FLAT_MARGIN, type Flatness, type RssSample } from './load-support/rss-curve.js';
import { standInForAutovacuum } from './load-support/autovacuum-stand-in.js';
import { startScratchDeployment, type ScratchDeployment } from './load-support/scratch-deployment.js';
import { enrolStaff, TWO_ORGANIZATIONS, type Roster } from './load-support/staff.js';
import { startNginxFront, type NginxFront } from './support-scale-out/nginx-cluster.js';
import type { Workplace } from './load-support/workday.js';

/**
 * Load: a working day of caseworkers, psychologists and supervisors of two organisations (50 by default,
 * for five minutes) against separate API processes on a scratch PostgreSQL database. They read, search by
 * name and by subject + code, submit completed PHQ-9 and SRQ-20 forms, refer, and register beneficiaries,
 * pausing to think between actions. Checks: no request answered other than its action expects, p95 under
 * 300 ms, and each process's memory flat (the rule is in rss-curve.ts). The figures and the memory curve
 * are printed. Settings: load-support/load-settings.ts (RELIABILITY_LOAD_SECONDS and others).
 */

const P95_LIMIT_MS = 300;
const settings = loadSettings(process.env);
const setupMs = 300_000;
const started = performance.now();
/** Where the setup is, on stderr, so that a slow phase on a busy machine shows as such. */
const progress = (line: string): void => void process.stderr.write(`[load ${((performance.now() - started) / 1000).toFixed(0)} s] ${line}\n`);

let deployment: ScratchDeployment | undefined;
let front: NginxFront | undefined;
let result: LoadResult;
const curves: { pid: number; samples: RssSample[]; flatness: Flatness }[] = [];

const through = settings.proxy === 'nginx' ? ' behind nginx' : '';

describe(`load: ${settings.staff} staff for ${settings.seconds} s on ${settings.processes} API process(es)${through}, PostgreSQL`, () => {
  beforeAll(async () => {
    // Tokens outlive the run, as a day's sessions would be refreshed; rate limits stay as deployed.
    const env = { DEMO_MODE: 'false', ACCESS_TOKEN_TTL_SECONDS: String(settings.seconds + 900) };
    deployment = await startScratchDeployment('load', settings.processes, env);
    if (settings.proxy === 'nginx') front = await startNginxFront(deployment.origins);
    // Staff are spread over the processes in turn, or all sent to nginx, which spreads their requests.
    const origins = front ? [front.origin] : deployment.origins;
    progress(`API process(es) up on ${deployment.databaseUrl.replace(/^.*\//, '')}${through}; enrolling staff`);
    const roster = await enrolStaff({ ...deployment, origins, env }, { organizations: TWO_ORGANIZATIONS, staff: settings.staff });
    progress(`${roster.staff.length} staff enrolled; registering the sites' caseloads`);
    const workplace = await openSites(roster, origins, deployment.databaseUrl);
    progress('caseloads registered; the working day starts');
    const samplers = deployment.servers.map((s) => new RssSampler(s.pid));
    const sampleMs = Math.min(5000, Math.max(1000, (settings.seconds * 1000) / 30));
    samplers.forEach((s) => s.start(sampleMs));
    const upkeep = await standInForAutovacuum(deployment.databaseUrl);
    try {
      result = await runWorkday(roster.staff, workplace, { seconds: settings.seconds, thinkMs: settings.thinkMs, seed: settings.seed, timeoutMs: 30_000 });
    } finally {
      await upkeep.stop();
    }
    if (upkeep.analyzed > 0) progress(`autovacuum is off on this PostgreSQL: ${upkeep.analyzed} tables analyzed in its place`);
    for (const [i, sampler] of samplers.entries()) {
      const samples = sampler.stop();
      curves.push({ pid: deployment.servers[i].pid, samples, flatness: judgeFlatness(samples, result.seconds) });
    }
    progress('the working day is over');
    printReport(result, curves);
  }, setupMs + settings.seconds * 1000);

  afterAll(async () => {
    await front?.stop();
    await deployment?.stop();
  }, 60_000);

  it('answers every request as its action expects: no 5xx, no unexpected status, no timeout', () => {
    const first = result.errors.map((e) => `${e.action}: ${e.call} → ${e.outcome}`).join('\n');
    expect(result.errorCount, `${result.serverErrors} of them 5xx; the first ones (all printed above):\n${first}`).toBe(0);
  });

  it(`p95 of all requests under ${P95_LIMIT_MS} ms`, () => {
    expect(result.overall.operations).toBeGreaterThan(0);
    expect(result.overall.p95).toBeLessThan(P95_LIMIT_MS);
  });

  it(`resident memory of every API process flat: last window's mean within ${FLAT_MARGIN * 100}% of the second window's`, () => {
    for (const curve of curves) expect(curve.flatness.flat, `pid ${curve.pid}: ${describeFlatness(curve.flatness)}`).toBe(true);
  });
});

/**
 * The caseload before the day starts: beneficiaries registered at each site (through its first member of
 * staff, so they belong to that organisation and site, without a case manager: everyone there reaches
 * them) with their scores, loaded as a bulk import through the transaction endpoint.
 */
async function openSites(roster: Roster, origins: readonly string[], databaseUrl: string): Promise<Workplace> {
  const workplace: Workplace = { sharedCaseload: new Map(), psychologists: new Map() };
  const fhirBases = origins.map((o) => `${o}/fhir/R4`);
  for (const site of roster.sites) {
    const registrar = roster.staff.find((s) => s.siteId === site.id);
    if (registrar === undefined) throw new Error(`nobody works at ${site.name}`);
    const patients = settings.patientsPerSite;
    const plan = { patients, observations: patients * 3, services: 0, bundleSize: Math.min(250, patients), inFlight: 1 };
    const seeded = await seedThroughServer(fhirBases, registrar.accessToken, plan, () => undefined);
    workplace.sharedCaseload.set(site.id, seeded.patientIds);
    workplace.psychologists.set(site.id, roster.staff.filter((s) => s.siteId === site.id && s.role === 'psychologist').map((s) => s.practitionerId));
  }
  // Autovacuum may be off on the server here; plans should follow the statistics of the loaded tables.
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('ANALYZE');
  await client.end();
  return workplace;
}

function describeFlatness(f: Flatness): string {
  return `${f.windowSeconds.toFixed(0)} s windows: second ${f.earlyMb.toFixed(0)} MB, last ${f.lateMb.toFixed(0)} MB, ${f.growth >= 0 ? '+' : ''}${(f.growth * 100).toFixed(1)}%`;
}

function printReport(r: LoadResult, rss: typeof curves): void {
  const timelineWindow = Math.max(5, Math.round(settings.seconds / 20));
  const rows = [...r.byAction].map(([action, m]) => [action, m.operations, m.failures, (m.operations / r.seconds).toFixed(1), ms(m.p50), ms(m.p95)]);
  rows.push(['all', r.overall.operations, r.errorCount, r.overall.perSecond.toFixed(1), ms(r.overall.p50), ms(r.overall.p95)]);
  const table = markdownTable(['action', 'ok', 'failed', 'req/s', 'p50 ms', 'p95 ms'], rows);
  const memory = rss.map((c) => `RSS of API process ${c.pid} (${describeFlatness(c.flatness)}: ${c.flatness.flat ? 'flat' : 'NOT flat'})\n${formatCurve(c.samples)}`);
  const failures = r.errors.map((e) => `- ${e.action}: ${e.call} → ${e.outcome} ${e.detail}`).join('\n');
  printFigures(
    `Load: ${settings.staff} staff, ${r.seconds.toFixed(0)} s, think ${settings.thinkMs.min}–${settings.thinkMs.max} ms, ${settings.processes} process(es)${through}`,
    [
      table,
      `p95 ${ms(r.overall.p95)} ms (limit ${P95_LIMIT_MS}); ${r.errorCount} failed, ${r.serverErrors} × 5xx`,
      `p95 of the requests sent in each ${timelineWindow} s (limit ${P95_LIMIT_MS} ms):\n${formatP95Timeline(r.timeline, timelineWindow, P95_LIMIT_MS)}`,
      ...memory,
      failures,
    ].filter(Boolean).join('\n\n'),
  );
}
