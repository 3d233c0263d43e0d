import type fc from 'fast-check';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markdownTable, ms, printFigures } from './load-support/report.js';
import { startScratchDeployment, type ScratchDeployment } from './load-support/scratch-deployment.js';
import { enrolStaff, TWO_ORGANIZATIONS } from './load-support/staff.js';
import type { Attack, HostileRequest } from './hostile-support/attack.js';
import { deepNestingRequest, malformedJsonRequest } from './hostile-support/body-requests.js';
import { bundleRequest, hugeBundleRequest } from './hostile-support/bundle-requests.js';
import { compressedRequest, makePayloads, oversizedRequest, type Payloads } from './hostile-support/compressed-requests.js';
import { api, buildHostileWorld, type HostileWorld } from './hostile-support/foreign-data.js';
import { headerRequest } from './hostile-support/header-requests.js';
import { HealthProbe, type ProbeWindow } from './hostile-support/healthz-probe.js';
import { sendGenerated, type CategoryResult } from './hostile-support/hostile-run.js';
import { pathRequest } from './hostile-support/path-requests.js';
import { searchRequest } from './hostile-support/search-requests.js';

/**
 * Hostile input: at least 10,000 requests generated with fast-check and sent by a caseworker of
 * organisation A to a separate API process on a scratch PostgreSQL database: hostile searches in every
 * parameter type, malformed and deeply nested JSON, header abuse, odd paths and methods, bundle shapes,
 * compressed bombs, oversized bodies, and a few huge bundles. Rules, per kind of request: no answer 5xx,
 * every request answered, nothing of organisation B in any answer, the process alive, and /healthz
 * (asked every 250 ms from another process) answering 200 within 1 s throughout. Afterwards
 * organisation B's records are unchanged. Settings: RELIABILITY_HOSTILE_REQUESTS (default 10,000),
 * RELIABILITY_HOSTILE_SEED (default fixed; a failure names the seed), RELIABILITY_HOSTILE_HUGE_BUNDLES (3),
 * RELIABILITY_HOSTILE_ONLY (run only the kinds whose name contains it).
 */

const settings = z
  .object({
    RELIABILITY_HOSTILE_REQUESTS: z.coerce.number().int().min(100).max(1_000_000).default(10_000),
    RELIABILITY_HOSTILE_SEED: z.coerce.number().int().default(20_261_205),
    RELIABILITY_HOSTILE_HUGE_BUNDLES: z.coerce.number().int().min(0).max(100).default(3),
    /** run only the kinds whose name contains this text (each kind keeps its own seed, so a failure reproduces alone) */
    RELIABILITY_HOSTILE_ONLY: z.string().default(''),
  })
  .parse(process.env);
const HEALTHZ_LIMIT_MS = 1000;
const started = performance.now();
/** Where the suite is, on stderr, so that a slow kind on a busy machine shows as such. */
const progress = (line: string): void => void process.stderr.write(`[hostile ${((performance.now() - started) / 1000).toFixed(0)} s] ${line}\n`);
const MiB = 1024 * 1024;

interface Kind {
  name: string;
  /** share of RELIABILITY_HOSTILE_REQUESTS, or a fixed count */
  count: number;
  concurrency: number;
  /** the longest one request may take */
  timeoutMs: number;
  arbitrary: (attack: Attack, payloads: Payloads) => fc.Arbitrary<HostileRequest>;
}

const total = settings.RELIABILITY_HOSTILE_REQUESTS;
const share = (fraction: number): number => Math.max(1, Math.round(total * fraction));
const kinds: Kind[] = [
  { name: 'hostile searches', count: share(0.35), concurrency: 4, timeoutMs: 60_000, arbitrary: searchRequest },
  { name: 'malformed JSON bodies', count: share(0.15), concurrency: 4, timeoutMs: 60_000, arbitrary: malformedJsonRequest },
  { name: 'deeply nested JSON', count: share(0.05), concurrency: 4, timeoutMs: 60_000, arbitrary: deepNestingRequest },
  { name: 'header abuse', count: share(0.15), concurrency: 4, timeoutMs: 60_000, arbitrary: headerRequest },
  { name: 'paths, methods and other doors', count: share(0.08), concurrency: 4, timeoutMs: 60_000, arbitrary: pathRequest },
  { name: 'bundle shapes', count: share(0.15), concurrency: 4, timeoutMs: 60_000, arbitrary: bundleRequest },
  // three at a time: the number of maximum-size bodies that once ran the heap out when sent compressed
  { name: 'compressed bodies and bombs', count: share(0.05), concurrency: 3, timeoutMs: 60_000, arbitrary: compressedRequest },
  { name: 'oversized bodies', count: share(0.02), concurrency: 3, timeoutMs: 60_000, arbitrary: (attack, p) => oversizedRequest(attack, Buffer.alloc(33 * MiB, ' '), p) },
  { name: 'huge bundles (20k–100k entries)', count: settings.RELIABILITY_HOSTILE_HUGE_BUNDLES, concurrency: 1, timeoutMs: 30_000, arbitrary: hugeBundleRequest },
];

let deployment: ScratchDeployment | undefined;
let world: HostileWorld;
let probe: HealthProbe | undefined;
let payloads: Payloads;
const outcomes: { kind: Kind; result: CategoryResult; health: ProbeWindow; alive: boolean }[] = [];

describe(`hostile input: ${kinds.reduce((n, k) => n + k.count, 0)} generated requests as a caseworker (seed ${settings.RELIABILITY_HOSTILE_SEED})`, () => {
  beforeAll(async () => {
    // One client sends everything here: the per-token and per-address limits would only answer 429.
    const env = { DEMO_MODE: 'false', RATE_LIMIT_PER_MINUTE: String(1e9), AUTH_RATE_LIMIT_PER_MINUTE: String(1e9), ACCESS_TOKEN_TTL_SECONDS: String(3 * 3600) };
    deployment = await startScratchDeployment('hostile', 1, env);
    const roster = await enrolStaff({ ...deployment, env }, { organizations: TWO_ORGANIZATIONS, staff: 3 });
    const [attacker, , owner] = roster.staff; // caseworkers at the programme's first site and at the partner's site
    world = await buildHostileWorld(attacker, owner);
    payloads = makePayloads();
    probe = new HealthProbe(deployment.origins[0], HEALTHZ_LIMIT_MS);
  }, 300_000);

  afterAll(async () => {
    await probe?.stop();
    await deployment?.stop();
    printReport();
  }, 60_000);

  for (const [index, kind] of kinds.entries()) {
    if (kind.count === 0 || !kind.name.includes(settings.RELIABILITY_HOSTILE_ONLY)) continue;
    it(`${kind.name}: ${kind.count} requests, none 5xx or unanswered, nothing of organisation B, /healthz within ${HEALTHZ_LIMIT_MS} ms`, async () => {
      const d = deployment as ScratchDeployment;
      const p = probe as HealthProbe;
      p.window(); // what came before is another kind's
      progress(`${kind.name}: sending ${kind.count}`);
      const result = await sendGenerated(kind.arbitrary(world.attack, payloads), {
        origin: d.origins[0],
        count: kind.count,
        seed: settings.RELIABILITY_HOSTILE_SEED + index * 1_000_003,
        concurrency: kind.concurrency,
        timeoutMs: kind.timeoutMs,
        foreignRefs: new Set(world.attack.foreignRefs),
        marker: world.attack.marker,
      });
      const health = p.window();
      const alive = isAlive(d.servers[0].pid) && (await healthy(d.origins[0]));
      outcomes.push({ kind, result, health, alive });
      progress(`${kind.name}: ${result.requests} sent in ${result.seconds.toFixed(0)} s, ${result.serverErrors} × 5xx, worst /healthz ${health.worstMs.toFixed(0)} ms${alive ? '' : ', the server is down or stuck: starting it again'}`);
      if (!alive) {
        // The next kind gets a server again; this one has failed.
        await d.restart(0);
        p.follow(d.origins[0]);
      }
      const examples = result.examples.map((e) => `  ${e.label}\n    → ${e.what}`).join('\n');
      expect.soft(result.gaveUp, 'the server kept answering').toBeUndefined();
      expect.soft(result.serverErrors, `5xx answers; examples:\n${examples}`).toBe(0);
      expect.soft(result.unanswered, `unanswered requests; examples:\n${examples}`).toBe(0);
      expect.soft(result.leaks, `answers showing organisation B's records; examples:\n${examples}`).toBe(0);
      expect.soft(alive, 'the API process is alive and healthy afterwards').toBe(true);
      expect.soft(health.failed, `/healthz probes unanswered or not 200 (of ${health.probes})`).toBe(0);
      expect(health.worstMs, `slowest /healthz answer (ms) of ${health.probes}`).toBeLessThan(HEALTHZ_LIMIT_MS);
    }, 900_000);
  }

  it("afterwards: organisation B's records are unchanged, and the caseworker reads their own patient as before", async () => {
    const witness = await api({ ...world.owner, accessToken: world.attack.token, origin: (deployment as ScratchDeployment).origins[0] }, 'GET', `Patient/${world.witnessPatientId}`);
    expect(witness.status).toBe(200);
    const owner = { ...world.owner, origin: (deployment as ScratchDeployment).origins[0] };
    for (const [ref, version] of world.foreignVersions) {
      const res = await api(owner, 'GET', ref);
      expect(res.status, ref).toBe(200);
      expect(res.body.meta.versionId, ref).toBe(version);
    }
  }, 120_000);
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function healthy(origin: string): Promise<boolean> {
  try {
    return (await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(5_000) })).ok;
  } catch {
    return false;
  }
}

function printReport(): void {
  const rows = outcomes.map(({ kind, result, health, alive }) => [
    kind.name,
    result.requests,
    ['2xx', '4xx', '5xx', 'none'].map((c) => result.byClass[c] ?? 0).join(' / '),
    result.leaks,
    ms(health.worstMs),
    `${health.failed}/${health.probes}`,
    alive ? 'yes' : 'NO',
    result.gaveUp === undefined ? '' : 'gave up: server stuck',
    result.seconds.toFixed(0),
  ]);
  const sent = outcomes.reduce((n, o) => n + o.result.requests, 0);
  const fiveXx = outcomes.reduce((n, o) => n + o.result.serverErrors, 0);
  const examples = outcomes.flatMap(({ kind, result }) => result.examples.map((e) => `- ${kind.name}: ${e.label} → ${e.what}`)).join('\n');
  printFigures(
    `Hostile input: ${sent} requests, seed ${settings.RELIABILITY_HOSTILE_SEED}`,
    [
      markdownTable(['kind', 'sent', '2xx / 4xx / 5xx / none', 'leaks', 'worst /healthz ms', 'probes failed', 'alive', 'note', 's'], rows),
      `${fiveXx} × 5xx in all`,
      examples,
    ]
      .filter(Boolean)
      .join('\n\n'),
  );
}
