import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { inTransaction, type Queryable } from './database.js';
import { refreshPendingDohExchange } from './patient-access.js';

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Migrations are files `NNN_name.sql`, applied in order, each exactly once. */
export function listMigrations(dir = migrationsDir): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 3)),
      name: file.slice(4, -4),
      sql: fs.readFileSync(path.join(dir, file), 'utf8'),
    }));
}

/**
 * Work a migration leaves to the server, done once every migration has run, in the same transaction: what
 * SQL alone cannot work out (a decision made by a rule of the server).
 */
const workAfter: Record<number, (db: Queryable) => Promise<unknown>> = {
  15: refreshPendingDohExchange,
};

/**
 * Applies the migrations not yet applied, then the work they leave to the server. Several API processes may
 * start at once against one server, so the whole run holds an advisory lock; a second start finds nothing to do.
 */
export async function migrate(pool: pg.Pool, migrations: Migration[] = listMigrations()): Promise<number[]> {
  return inTransaction(pool, async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(4812903)`);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migration (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = await client.query<{ version: number }>('SELECT version FROM schema_migration');
    const applied = new Set(done.rows.map((r) => r.version));
    const ran: number[] = [];
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migration (version, name) VALUES ($1, $2)', [m.version, m.name]);
      ran.push(m.version);
    }
    // What the migrations left to be worked out by the server's own rules, once the schema is the one it knows.
    for (const version of ran) await workAfter[version]?.(client);
    return ran;
  });
}
