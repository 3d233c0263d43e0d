import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseworkerTokens } from '../bench/bench-account.js';
import { dropDatabase, recreateDatabase } from '../bench/bench-database.js';
import { startLocalCluster, type LocalCluster } from './support-scale-out/nginx-cluster.js';

/**
 * Three API processes behind nginx (deploy/nginx) on one PostgreSQL database. Twelve sessions create,
 * read and replace Patients through nginx; once some writes are acknowledged, the busiest process is killed
 * with SIGKILL, and the sessions go on. Afterwards: every acknowledged write is in the database, reads and
 * replacements (idempotent) were all answered because nginx passed them to another process, and creates
 * (not idempotent) were never sent twice: a create that died with its process answered 502.
 */

const serverUrl = process.env.RELIABILITY_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const sessions = 12;
/** acknowledged creates before the kill, and after it */
const writesBeforeKill = 60;
const writesAfterKill = 120;
const deadlineMs = 90_000;

interface Outcome {
  method: 'POST' | 'GET' | 'PUT';
  status: number;
  id?: string;
  versionId?: string;
}

const databaseName = `hiwa_multi_${randomBytes(4).toString('hex')}`;
let databaseUrl = '';
let cluster: LocalCluster | undefined;
const outcomes: Outcome[] = [];
let killed = '';
let marker = '';

async function send(token: string, method: Outcome['method'], path: string, body?: unknown): Promise<Outcome & { body?: Record<string, unknown> }> {
  const res = await fetch(`${cluster?.origin}/fhir/R4/${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/fhir+json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  const parsed = res.headers.get('content-type')?.includes('json') && text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  const meta = parsed?.meta as { versionId?: string } | undefined;
  const outcome = { method, status: res.status, id: parsed?.id as string | undefined, versionId: meta?.versionId };
  outcomes.push(outcome);
  return { ...outcome, body: parsed };
}

/** One session: create a Patient, read it back, replace it (as stored, with `active`); again, until `done()`. */
async function session(token: string, index: number, done: () => boolean): Promise<void> {
  for (let n = 0; n < 1000 && !done(); n++) {
    const patient = { resourceType: 'Patient', name: [{ family: marker, given: [`s${index}n${n}`] }] };
    const created = await send(token, 'POST', 'Patient', patient);
    if (created.status !== 201 || !created.id) continue;
    await send(token, 'GET', `Patient/${created.id}`);
    await send(token, 'PUT', `Patient/${created.id}`, { ...created.body, active: true });
  }
}

const acknowledgedCreates = (): number => outcomes.filter((o) => o.method === 'POST' && o.status === 201).length;

/** The upstream that served the most requests so far, by nginx's access log. */
function busiestUpstream(log: string): string {
  const counts = new Map<string, number>();
  for (const line of log.split('\n')) {
    const upstream = /"([^",]+)"/.exec(line)?.[1];
    if (upstream && upstream !== '-') counts.set(upstream, (counts.get(upstream) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0][0];
}

describe('three API processes behind nginx, one killed with SIGKILL under writes', () => {
  beforeAll(async () => {
    databaseUrl = await recreateDatabase(serverUrl, databaseName);
    cluster = await startLocalCluster(databaseUrl, { env: { DEMO_MODE: 'false', RATE_LIMIT_PER_MINUTE: '1000000' } });
    const tokens = await caseworkerTokens(databaseUrl, cluster.servers[0].dataDir, cluster.origin, sessions);
    marker = `Multi${randomBytes(4).toString('hex')}`;

    const started = Date.now();
    let stopAt = Number.POSITIVE_INFINITY;
    const done = (): boolean => acknowledgedCreates() >= stopAt || Date.now() - started > deadlineMs;
    const running = tokens.map((token, i) => session(token, i, done));
    while (acknowledgedCreates() < writesBeforeKill && Date.now() - started < deadlineMs) await new Promise((r) => setTimeout(r, 50));
    killed = busiestUpstream(fs.readFileSync(cluster.accessLog, 'utf8'));
    const victim = cluster.servers[cluster.upstreams.indexOf(killed)];
    process.kill(victim.pid, 'SIGKILL');
    stopAt = acknowledgedCreates() + writesAfterKill;
    await Promise.all(running);

    const by = (method: string) => outcomes.filter((o) => o.method === method);
    const statuses = (method: string): string => {
      const counts = new Map<number, number>();
      for (const o of by(method)) counts.set(o.status, (counts.get(o.status) ?? 0) + 1);
      return [...counts].map(([status, n]) => `${n}×${status}`).join(' ');
    };
    console.log(`multi-process: killed ${killed} (pid ${victim.pid}) after ${writesBeforeKill} creates; ${outcomes.length} requests in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log(`  POST ${statuses('POST')}  GET ${statuses('GET')}  PUT ${statuses('PUT')}`);
  }, 300_000);

  afterAll(async () => {
    await cluster?.stop();
    if (databaseUrl) await dropDatabase(serverUrl, databaseName);
  }, 60_000);

  it('ran the load past the kill', () => {
    expect(killed).not.toBe('');
    expect(acknowledgedCreates()).toBeGreaterThanOrEqual(writesBeforeKill + writesAfterKill);
  });

  it('lost no acknowledged write: every created Patient and every acknowledged version is stored', async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const created = outcomes.filter((o) => o.method === 'POST' && o.status === 201).map((o) => o.id as string);
      const { rows } = await client.query<{ id: string; version_id: number }>(
        `SELECT id, version_id FROM resource WHERE resource_type = 'Patient' AND id = ANY($1::text[]) AND NOT deleted`,
        [created],
      );
      expect(rows.length).toBe(created.length);
      const stored = new Map(rows.map((r) => [r.id, Number(r.version_id)]));
      const replaced = outcomes.filter((o) => o.method === 'PUT' && o.status === 200);
      expect(replaced.filter((o) => (stored.get(o.id as string) ?? 0) < Number(o.versionId))).toEqual([]);

      // A create is never sent twice: at most the acknowledged ones plus those that died with the process.
      const unanswered = outcomes.filter((o) => o.method === 'POST' && o.status === 502).length;
      const { rows: all } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM resource r WHERE r.resource_type = 'Patient' AND r.content::jsonb -> 'name' -> 0 ->> 'family' = $1`,
        [marker],
      );
      expect(all[0].n).toBeGreaterThanOrEqual(created.length);
      expect(all[0].n).toBeLessThanOrEqual(created.length + unanswered);
    } finally {
      await client.end();
    }
  });

  it('answered every read and replacement: nginx passed those in flight on the killed process to another', () => {
    const failedIdempotent = outcomes.filter((o) => o.method !== 'POST' && o.status !== 200);
    expect(failedIdempotent).toEqual([]);
    const retried = fs
      .readFileSync(cluster?.accessLog ?? '', 'utf8')
      .split('\n')
      .filter((line) => line.includes(`"${killed}, `));
    console.log(`  nginx passed ${retried.length} requests on from the killed process, e.g. ${retried.slice(0, 3).join(' | ')}`);
    expect(retried.some((line) => line.startsWith('GET ') || line.startsWith('PUT '))).toBe(true);
  });

  it('answered a create that died with its process 502 and did not send it again; nothing else failed', () => {
    const posts = outcomes.filter((o) => o.method === 'POST');
    expect(posts.filter((o) => o.status !== 201 && o.status !== 502)).toEqual([]);
  });
});
