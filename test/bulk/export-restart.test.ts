import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../bench/server-process.js';
import { awaitManifest, exported, kickOff, poll } from './bulk-client.js';

/**
 * A server killed (SIGKILL) in the middle of an export: once the job's lease runs out, the server started in
 * its place takes the job over and starts it again as a new attempt. The manifest then names only that
 * attempt's files, each complete, holding what an export started afresh holds; nothing of the killed
 * attempt is left. Real server processes, on the embedded database (the same DATA_DIR) or, with
 * DATABASE_URL, a scratch database on that server.
 */

const adminUrl = process.env.DATABASE_URL;
const database = `hiwa_export_restart_${randomBytes(4).toString('hex')}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hiwa-export-restart-'));
// Demo mode: the demo's beneficiaries and the supervisor login. One resource per read and a short lease,
// so that the export is surely under way when the server is killed, and is taken over soon after.
const env = { DEMO_MODE: 'true', DEMO_POPULATION: '0', JOB_LEASE_SECONDS: '3', EXPORT_PAGE_SIZE: '1', RATE_LIMIT_PER_MINUTE: '1000000' };
const servers: ServerProcess[] = [];

async function scratchDatabaseUrl(): Promise<string | undefined> {
  if (!adminUrl) return undefined;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

afterAll(async () => {
  for (const s of servers) await s.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (adminUrl) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
}, 60_000);

async function loginSupervisor(origin: string): Promise<string> {
  const res = await fetch(`${origin}/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'supervisor', password: 'demo' }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

const counts = (m: { output: { type: string; count: number }[] }) => {
  const byType: Record<string, number> = {};
  for (const o of m.output) byType[o.type] = (byType[o.type] ?? 0) + o.count;
  return byType;
};

describe('an export survives its server being killed', () => {
  it('is taken over by the next server and started again; the manifest names complete files of one attempt', async () => {
    const databaseUrl = await scratchDatabaseUrl();
    const first = await startServer(databaseUrl, { env, dataDir, readyWithinMs: 240_000 });
    servers.push(first);
    const token = await loginSupervisor(first.origin);
    const started = await kickOff(`${first.origin}/fhir/R4`, token, 'Patient/$export');
    expect(started.status).toBe(202);
    const statusPath = new URL(started.statusUrl as string).pathname;

    // Under way: some resources written, not all.
    for (;;) {
      const res = await poll(`${first.origin}${statusPath}`, token);
      expect(res.status, 'the export finished before the server could be killed').toBe(202);
      const done = Number(/^(\d+) resources/.exec(res.headers.get('x-progress') ?? '')?.[1] ?? 0);
      if (done >= 20) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    process.kill(first.pid, 'SIGKILL');
    await first.stop();

    const second = await startServer(databaseUrl, { env, dataDir, readyWithinMs: 240_000 });
    servers.push(second);
    const manifest = await awaitManifest(`${second.origin}${statusPath}`, token, 180_000);
    expect(manifest.output.length).toBeGreaterThan(0);
    for (const o of manifest.output) expect(o.url).toMatch(/\/bulk-files\/[0-9a-f-]{36}\/2\/[A-Za-z]+-\d+\.ndjson$/);
    await exported(manifest, token); // each file holds exactly the count the manifest gives
    const jobId = statusPath.split('/').pop() as string;
    expect(fs.readdirSync(path.join(dataDir, 'exports', jobId))).toEqual(['2']);

    // What an export started afresh on the same data holds.
    const fresh = await kickOff(`${second.origin}/fhir/R4`, token, 'Patient/$export');
    const reference = await awaitManifest(fresh.statusUrl as string, token, 180_000);
    expect(counts(manifest)).toEqual(counts(reference));
  }, 600_000);
});
