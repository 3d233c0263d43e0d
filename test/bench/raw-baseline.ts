import { randomUUID } from 'node:crypto';
import type { Resource } from '@medplum/fhirtypes';
import pg from 'pg';
import { randomFor } from '../../seed/prng.js';
import { syntheticPatient } from '../../seed/synthetic.js';
import { prepareContent } from '../../server/store/prepare.js';
import { writeVersions, type VersionWrite } from '../../server/store/resource-writes.js';
import { registrationBundle } from './bundles.js';
import type { Measurement } from './latency.js';
import { measureLoop } from './timed-loop.js';

/**
 * What PostgreSQL alone gives for the work behind each HTTP scenario, sent straight through `pg` from this
 * process with the server's pool size: the ceiling the server's figures are compared with.
 * Writes use the store's own statement (`writeVersions`) in a transaction, as `Repository.createMany`
 * does, with the rows worked out before the clock starts: validation, indexing and HTTP are what the
 * ratio to the server then measures.
 */
export interface BaselineSettings {
  databaseUrl: string;
  seconds: number;
  poolSize: number;
}

export async function withPool<T>(settings: BaselineSettings, fn: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({ connectionString: settings.databaseUrl, max: settings.poolSize });
  try {
    return await fn(pool);
  } finally {
    await pool.end();
  }
}

/** The read by id of the server, as one statement: the row shape a read returns. */
export function rawPointSelect(pool: pg.Pool, patientIds: readonly string[], concurrency: number, seconds: number, seed: number): Promise<Measurement> {
  const rnd = randomFor(seed, 'bench-raw-select', 0);
  return measureLoop(concurrency, seconds, async () => {
    const id = patientIds[Math.floor(rnd.next() * patientIds.length)];
    const result = await pool.query('SELECT content FROM resource WHERE resource_type = $1 AND id = $2', ['Patient', id]);
    if (result.rows.length !== 1) throw new Error(`Patient/${id} not found`);
  });
}

/** One Patient per transaction: the rows a create writes (current, history, search index). */
export function rawCreate(pool: pg.Pool, concurrency: number, seconds: number): Promise<Measurement> {
  const templates = Array.from({ length: 200 }, (_, i) => prepare(syntheticPatient(30_000_000 + i)));
  return measureLoop(concurrency, seconds, (call) => insertInTransaction(pool, [renewed(templates[call % templates.length])]));
}

/** The rows of one transaction scenario bundle (`bundle` entries) per transaction. */
export function rawTransaction(
  pool: pg.Pool,
  concurrency: number,
  seconds: number,
  patients: number,
  scoresEach: number,
): Promise<Measurement> {
  const bundles = Array.from({ length: 10 }, (_, b) => {
    const entries = registrationBundle(40_000_000 + b * patients, patients, scoresEach).entry ?? [];
    // Resolve the urn:uuid references the way the server does before it writes.
    const ids = new Map(entries.map((e) => [e.fullUrl, `${e.resource?.resourceType}/${randomUUID()}`]));
    return entries.map((e) => {
      const text = JSON.stringify(e.resource).replace(/"reference":"(urn:uuid:[^"]+)"/g, (_, urn: string) => `"reference":"${ids.get(urn)}"`);
      return prepare(JSON.parse(text) as Resource);
    });
  });
  return measureLoop(concurrency, seconds, (call) => insertInTransaction(pool, bundles[call % bundles.length].map(renewed)));
}

function prepare(resource: Resource): VersionWrite {
  return prepareContent(resource, randomUUID(), 1, new Date().toISOString()).write;
}

/** The same rows under a new id, so that every insert is a new resource. */
function renewed(template: VersionWrite): VersionWrite {
  const id = randomUUID();
  return {
    ...template,
    id,
    content: template.content?.replace(`"id":"${template.id}"`, `"id":"${id}"`) ?? null,
    patientIds: template.resourceType === 'Patient' ? [id] : template.patientIds,
  };
}

async function insertInTransaction(pool: pg.Pool, writes: VersionWrite[]): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await writeVersions(client, writes);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
