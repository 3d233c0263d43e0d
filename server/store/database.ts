import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { acquireEmbeddedLock, type LockOptions } from './embedded-lock.js';

/** Anything that runs SQL: the pool, or one client inside a transaction. */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

export interface Database {
  /** 'embedded' = PGlite in this process; 'server' = a PostgreSQL server reached over the network */
  readonly kind: 'embedded' | 'server';
  readonly pool: pg.Pool;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL of a server; absent → embedded PGlite */
  databaseUrl?: string;
  /** where the embedded database keeps its files; 'memory://' keeps it in memory (tests) */
  embeddedDir?: string;
  /** A schema to create and use instead of `public`: lets test suites share one server without sharing data. */
  schema?: string;
  /** connections to a PostgreSQL server */
  poolSize?: number;
  /** the embedded database's lock: who opens it (named to a process it refuses), and who hears of a stale lock */
  lock?: Partial<LockOptions>;
}

/** Where the embedded database of a DATA_DIR lives. */
export const embeddedDirIn = (dataDir: string): string => path.join(dataDir, 'pgdata');

const schemaName = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.schema !== undefined && !schemaName.test(options.schema)) {
    throw new Error(`Invalid schema name: ${options.schema}`);
  }
  const searchPath = options.schema ? `-c search_path=${options.schema}` : undefined;
  if (options.databaseUrl) {
    if (options.schema) {
      const admin = new pg.Client({ connectionString: options.databaseUrl });
      await admin.connect();
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);
      await admin.end();
    }
    // JIT off: Hiwa's statements run in milliseconds, but the access rule's subqueries inflate cost
    // estimates past jit_above_cost, and compiling a write's visibility check took 0.7–1.3 s of a 1,000-entry
    // transaction. (PGlite is built without JIT.)
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      options: ['-c jit=off', searchPath].filter(Boolean).join(' '),
    });
    pool.on('error', () => {
      // An idle client lost its connection; the pool replaces it. Queries in flight get their own error.
    });
    return { kind: 'server', pool, close: () => pool.end() };
  }

  const { pglite, close } = await openEmbedded(options.embeddedDir ?? 'memory://', options.lock);
  if (options.schema) {
    await pglite.exec(`CREATE SCHEMA IF NOT EXISTS ${options.schema}; SET search_path TO ${options.schema}`);
  }
  // PGlite is a single connection: the pool hands it to one transaction at a time and queues the rest.
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 } as unknown as pg.PoolConfig);
  return {
    kind: 'embedded',
    pool,
    close: async () => {
      await pool.end();
      await close();
    },
  };
}

export interface EmbeddedDatabase {
  pglite: PGlite;
  /** closes PGlite, then lets the next process in */
  close(): Promise<void>;
}

/**
 * PGlite on a directory, which this process holds the lock of until `close` (see embedded-lock.ts), or in
 * memory (`memory://`, nothing to share). `loadDataDir` fills a new directory from a `dumpDataDir` tarball.
 */
export async function openEmbedded(dir: string, lock?: Partial<LockOptions>, loadDataDir?: Blob): Promise<EmbeddedDatabase> {
  if (dir.startsWith('memory://')) {
    const pglite = new PGlite(dir, { loadDataDir });
    await pglite.waitReady;
    return { pglite, close: () => pglite.close() };
  }
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const held = acquireEmbeddedLock(dir, { purpose: 'hiwa', ...lock });
  try {
    const pglite = new PGlite(dir, { loadDataDir });
    await pglite.waitReady;
    return {
      pglite,
      close: async () => {
        try {
          await pglite.close();
        } finally {
          held.release();
        }
      },
    };
  } catch (err) {
    held.release();
    throw err;
  }
}

/** Runs `fn` in one transaction on one client; commits when it resolves, rolls back when it throws. */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
