import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../bench/server-process.js';
import { startReplicaPair, type ReplicaPair } from './support-scale-out/replica-pair.js';

/**
 * A read replica: the server runs with DATABASE_URL on a primary and DATABASE_READ_URL on its streaming
 * replica (scripts/replica/setup.sh). The replica's replay is paused while the test writes, so whatever a
 * search finds tells where it ran: a search on the replica cannot see the new record, one on the primary does.
 */

let pair: ReplicaPair | undefined;
let server: ServerProcess | undefined;
let replicaAdmin: pg.Client | undefined;

async function login(username: string): Promise<string> {
  const res = await fetch(`${server?.origin}/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

async function fhir(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, any> }> {
  const res = await fetch(`${server?.origin}/fhir/R4/${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/fhir+json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  // any: the assertions below state the shape they read
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

const matches = (bundle: Record<string, any>): number => (bundle.entry ?? []).length;

describe('searches on a streaming replica, with read-your-writes', () => {
  beforeAll(async () => {
    pair = await startReplicaPair();
    server = await startServer(pair.primaryUrl, {
      env: {
        HOST: '127.0.0.1',
        DATABASE_READ_URL: pair.replicaUrl,
        DEMO_MODE: 'true',
        DEMO_POPULATION: '0', // the demo logins and the hand-written records are all this needs
        // long enough that the writer's window cannot run out while the test looks
        READ_YOUR_WRITES_SECONDS: '600',
      },
    });
    replicaAdmin = new pg.Client({ connectionString: pair.replicaUrl });
    await replicaAdmin.connect();
  }, 240_000);

  afterAll(async () => {
    await replicaAdmin?.query('SELECT pg_wal_replay_resume()').catch(() => undefined);
    await replicaAdmin?.end();
    await server?.stop();
    await pair?.stop();
  }, 60_000);

  it("serves the writer's search from the primary and another caller's from the replica, until it has replayed", async () => {
    const writer = await login('caseworker');
    const other = await login('psychologist');
    const family = `Replica${randomBytes(4).toString('hex')}`;

    await replicaAdmin?.query('SELECT pg_wal_replay_pause()');
    const created = await fhir(writer, 'POST', 'Patient', { resourceType: 'Patient', name: [{ family, given: ['Shilan'] }] });
    expect(created.status).toBe(201);

    const writersSearch = await fhir(writer, 'GET', `Patient?family=${family}`);
    expect(writersSearch.status).toBe(200);
    expect(matches(writersSearch.body)).toBe(1);

    const othersSearch = await fhir(other, 'GET', `Patient?family=${family}`);
    expect(othersSearch.status).toBe(200);
    expect(matches(othersSearch.body)).toBe(0); // the replica, paused before the write, has not got it

    // A read by id stays on the primary, for everyone.
    expect((await fhir(other, 'GET', `Patient/${created.body.id}`)).status).toBe(200);

    await replicaAdmin?.query('SELECT pg_wal_replay_resume()');
    let seen = 0;
    for (let attempt = 0; attempt < 100 && seen === 0; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100));
      seen = matches((await fhir(other, 'GET', `Patient?family=${family}`)).body);
    }
    expect(seen).toBe(1);
  });

  it('reports both pools at /metrics', async () => {
    const text = await (await fetch(`${server?.origin}/metrics`)).text();
    for (const pool of ['primary', 'replica']) {
      expect(text).toMatch(new RegExp(`^hiwa_db_pool_clients\\{pool="${pool}"\\} \\d`, 'm'));
      expect(text).toMatch(new RegExp(`^hiwa_db_pool_waiting_requests\\{pool="${pool}"\\} 0`, 'm'));
    }
  });
});
