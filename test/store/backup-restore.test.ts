import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupEmbedded, restoreEmbedded } from '../../server/store/backup-embedded.js';
import { backupServer, restoreServer } from '../../server/store/backup-server.js';
import { openDatabase, type DatabaseOptions } from '../../server/store/database.js';
import { acquireEmbeddedLock, EmbeddedDatabaseLockedError } from '../../server/store/embedded-lock.js';
import { fhirClient, startTestServer, type TestServerOptions } from '../support/server.js';

/**
 * `npm run backup` and `npm run restore`, round trip: records written through the app, backed up,
 * restored into a fresh target, and every row of every table (resources, every version, the search
 * index, accounts) compared with the source, exactly.
 */

/** Three Patients with three versions each, one of them then deleted, and an Observation of another. */
async function writeRecords(database: TestServerOptions['database']): Promise<void> {
  const server = await startTestServer({ database });
  try {
    const fhir = fhirClient(server.fhirBase);
    const ids: string[] = [];
    for (const given of ['Zhino', 'Rawa', 'Shilan']) {
      let current = (await fhir('POST', 'Patient', { resourceType: 'Patient', name: [{ family: 'Salih', given: [given] }], gender: 'female' })).body;
      for (const gender of ['other', 'unknown']) {
        const res = await fhir('PUT', `Patient/${current.id}`, { ...current, gender });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        current = res.body;
      }
      ids.push(current.id);
    }
    expect((await fhir('DELETE', `Patient/${ids[0]}`)).status).toBe(200);
    const observation = await fhir('POST', 'Observation', {
      resourceType: 'Observation',
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '44261-6' }] },
      subject: { reference: `Patient/${ids[1]}` },
      valueInteger: 12,
    });
    expect(observation.status, JSON.stringify(observation.body)).toBe(201);
  } finally {
    await server.close();
  }
}

/** Every row of every table of the database's schema, as text, in a fixed order. */
async function everyRow(options: DatabaseOptions): Promise<Record<string, string[]>> {
  const db = await openDatabase(options);
  try {
    const tables = await db.pool.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`,
    );
    const rows: Record<string, string[]> = {};
    for (const { name } of tables.rows) {
      const result = await db.pool.query<{ row: string }>(`SELECT t::text AS row FROM "${name}" t ORDER BY 1`);
      rows[name] = result.rows.map((r) => r.row);
    }
    return rows;
  } finally {
    await db.close();
  }
}

/** What the records above leave: versions beyond the current rows, and a search index of them. */
function expectRecordsOf(rows: Record<string, string[]>): void {
  expect(rows.resource.filter((r) => r.startsWith('(Patient,'))).toHaveLength(3);
  expect(rows.resource_history.filter((r) => r.startsWith('(Patient,'))).toHaveLength(10); // 3 × 3 versions + the deletion
  for (const index of ['sp_string', 'sp_token', 'sp_reference', 'sp_date']) expect(rows[index].length).toBeGreaterThan(0);
}

/** Starting PGlite on two shared cores takes from seconds to most of a minute, and this file starts it five times. */
const slow = { timeout: 600_000 };
const lock = { purpose: 'test' };

describe('backup and restore of the embedded database', slow, () => {
  let root: string, source: string, restored: string, file: string;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'hiwa-backup-'));
    [source, restored, file] = [path.join(root, 'source', 'pgdata'), path.join(root, 'restored', 'pgdata'), path.join(root, 'hiwa.tar.gz')];
    await writeRecords({ embeddedDir: source });
    await backupEmbedded(source, file, lock);
  }, slow.timeout);
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('restores into a fresh DATA_DIR every row of every table, exactly', async () => {
    await restoreEmbedded(file, restored, { force: false, lock });
    const [before, after] = await Promise.all([everyRow({ embeddedDir: source }), everyRow({ embeddedDir: restored })]);
    expectRecordsOf(before);
    expect(after).toEqual(before);
  });

  it('refuses to restore over a database that is there, unless forced', async () => {
    await expect(restoreEmbedded(file, source, { force: false, lock })).rejects.toThrow(/already holds a database.*--force/);
  });

  it('refuses to back up or restore while a server holds the database, saying to stop it first', async () => {
    const server = acquireEmbeddedLock(source, { purpose: 'server' });
    try {
      await expect(backupEmbedded(source, path.join(root, 'again.tar.gz'), lock)).rejects.toThrow(EmbeddedDatabaseLockedError);
      await expect(restoreEmbedded(file, source, { force: true, lock })).rejects.toThrow(/in use by this process \(server.*stop that process first/);
    } finally {
      server.release();
    }
    expect(fs.existsSync(path.join(root, 'again.tar.gz'))).toBe(false);
  });

  it('refuses a backup of the other kind, and a file that is no backup', async () => {
    const notBackup = path.join(root, 'notes.txt');
    fs.writeFileSync(notBackup, 'a list of patients');
    await expect(restoreEmbedded(notBackup, path.join(root, 'third', 'pgdata'), { force: false, lock })).rejects.toThrow(/not a Hiwa backup/);
    await expect(restoreServer('postgres://127.0.0.1:1/none', file, { force: false })).rejects.toThrow(/backup of an embedded database/);
  });
});

describe.skipIf(!process.env.DATABASE_URL)('backup and restore of a PostgreSQL server', slow, () => {
  const adminUrl = process.env.DATABASE_URL ?? '';
  const name = `hiwa_backup_${randomBytes(5).toString('hex')}`;
  const urlOf = (database: string): string => Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString();
  let root: string, file: string, source: string, restored: string;

  async function asAdmin(sql: string): Promise<void> {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'hiwa-backup-'));
    file = path.join(root, 'hiwa.dump');
    [source, restored] = [urlOf(`${name}_source`), urlOf(`${name}_restored`)];
    await asAdmin(`CREATE DATABASE ${name}_source`);
    await asAdmin(`CREATE DATABASE ${name}_restored`);
    await writeRecords({ url: source });
    await backupServer(source, file);
  }, slow.timeout);
  afterAll(async () => {
    await asAdmin(`DROP DATABASE IF EXISTS ${name}_source WITH (FORCE)`);
    await asAdmin(`DROP DATABASE IF EXISTS ${name}_restored WITH (FORCE)`);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('restores into a fresh database every row of every table, exactly', async () => {
    await restoreServer(restored, file, { force: false });
    const [before, after] = await Promise.all([everyRow({ databaseUrl: source }), everyRow({ databaseUrl: restored })]);
    expectRecordsOf(before);
    expect(after).toEqual(before);
  });

  it('refuses to restore over tables that are there, unless forced, and then replaces them', async () => {
    await expect(restoreServer(source, file, { force: false })).rejects.toThrow(/already has \d+ tables.*--force/);
    await restoreServer(restored, file, { force: true });
    expect(await everyRow({ databaseUrl: restored })).toEqual(await everyRow({ databaseUrl: source }));
  });
});
