import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { copyOutFrom, type CopyOut } from './copy-out.js';
import { acquireEmbeddedLock, type EmbeddedLock, type LockOptions } from './embedded-lock.js';
import { assertSqlIdentifier } from './sql.js';

/** Anything that runs SQL: the pool, or one client inside a transaction. */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
  /** a statement with a name: see `prepared` (sql.ts) */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(config: pg.QueryConfig): Promise<pg.QueryResult<R>>;
}

export interface Database {
  /** 'embedded' = PGlite in this process; 'server' = a PostgreSQL server reached over the network */
  readonly kind: 'embedded' | 'server';
  readonly pool: pg.Pool;
  /** connections to a read replica of the server, when one is configured (searches may go there) */
  readonly readPool?: pg.Pool;
  /**
   * Hears NOTIFY on `channel` (of the primary: replicas do not relay notifications) until the returned
   * function is called. `connected(false)` says notifications may be missed from now on (a lost connection,
   * retried every second); `connected(true)`, that they are heard again.
   */
  listen(channel: string, handlers: NotificationHandlers): Promise<() => Promise<void>>;
  /** COPY … TO STDOUT on the primary, as raw lines (a server only: PGlite's driver does not stream COPY) */
  readonly copyOut?: CopyOut;
  close(): Promise<void>;
}

export interface NotificationHandlers {
  notify(payload: string): void;
  connected(up: boolean): void;
}

export interface DatabaseOptions {
  /** postgres:// URL of a server; absent → embedded PGlite */
  databaseUrl?: string;
  /** postgres:// URL of a streaming replica of `databaseUrl`'s server */
  readUrl?: string;
  /** where the embedded database keeps its files; 'memory://' keeps it in memory (tests) */
  embeddedDir?: string;
  /** A schema to create and use instead of `public`: lets test suites share one server without sharing data. */
  schema?: string;
  /** connections to a PostgreSQL server */
  poolSize?: number;
  /** the embedded database's lock: who opens it (named to a process it refuses), and who hears of a stale lock */
  lock?: Partial<LockOptions>;
  /**
   * A `dumpDataDir` tarball a new embedded database starts from instead of an empty cluster: PGlite makes a
   * cluster in about 2.5 s and loads one in about 1 s (the tests start each database from one migrated once).
   */
  embeddedFrom?: Blob;
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
    survivesLostConnections(pool);
    const listeners = new Set<() => Promise<void>>();
    const listen = async (channel: string, handlers: NotificationHandlers) => {
      const stop = listenOnServer({ connectionString: options.databaseUrl }, channel, handlers);
      listeners.add(stop);
      return async () => {
        listeners.delete(stop);
        await stop();
      };
    };
    const stopListening = () => Promise.all([...listeners].map((stop) => stop()));
    if (options.readUrl) {
      // The replica's connections get the same settings, and the same handling of lost connections.
      const readPool = new pg.Pool({ ...pool.options, connectionString: options.readUrl });
      survivesLostConnections(readPool);
      return {
        kind: 'server',
        pool,
        readPool,
        listen,
        copyOut: copyOutFrom(pool),
        close: () => stopListening().then(() => Promise.all([pool.end(), readPool.end()])).then(() => undefined),
      };
    }
    return { kind: 'server', pool, listen, copyOut: copyOutFrom(pool), close: () => stopListening().then(() => pool.end()) };
  }

  const { pglite, close } = await openEmbedded(options.embeddedDir ?? 'memory://', options.lock, options.embeddedFrom);
  if (options.schema) {
    await pglite.exec(`CREATE SCHEMA IF NOT EXISTS ${options.schema}; SET search_path TO ${options.schema}`);
  }
  const pool = embeddedPool(pglite);
  return {
    kind: 'embedded',
    pool,
    // In process, one connection: a notification is heard as soon as the transaction that sent it commits.
    listen: async (channel, handlers) => {
      const unlisten = await pglite.listen(assertSqlIdentifier(channel), handlers.notify);
      handlers.connected(true);
      return unlisten;
    },
    close: async () => {
      await pool.end();
      await close();
    },
  };
}

/** PGlite is a single connection: the pool hands it to one transaction at a time and queues the rest. */
export function embeddedPool(pglite: PGlite): pg.Pool {
  return new pg.Pool({ ...createPgConfig(pglite), max: 1 } as unknown as pg.PoolConfig);
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
  const held = dir.startsWith('memory://') ? undefined : lockDirectory(dir, lock);
  try {
    const pglite = new PGlite(dir, { loadDataDir });
    await pglite.waitReady;
    return {
      pglite,
      close: async () => {
        try {
          await pglite.close();
        } finally {
          held?.release();
        }
      },
    };
  } catch (err) {
    held?.release();
    throw err;
  }
}

function lockDirectory(dir: string, lock: Partial<LockOptions> | undefined): EmbeddedLock {
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  return acquireEmbeddedLock(dir, { ...lock, purpose: lock?.purpose ?? 'hiwa' });
}

/**
 * A connection the server drops (a restart, a failover) emits 'error'. On an idle client the pool catches it
 * and replaces the client; on one checked out between two statements of a transaction nobody listens, and an
 * unheard 'error' event ends the Node process — every API process at once when the database restarts. The
 * query in flight, or the next one, fails with its own error and is answered 503 (server/http).
 */
function survivesLostConnections(pool: pg.Pool): void {
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
}

/**
 * A connection of its own that LISTENs on `channel`, connected again a second after it is lost (a restart,
 * a failover) for as long as it is wanted. Returns what stops it.
 */
function listenOnServer(config: pg.ClientConfig, channel: string, handlers: NotificationHandlers): () => Promise<void> {
  let stopped = false;
  let current: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  const lost = (client: pg.Client): void => {
    if (current !== client) return;
    current = undefined;
    handlers.connected(false);
    void client.end().catch(() => undefined);
    if (!stopped) retry = setTimeout(() => void connect(), 1000);
  };
  const connect = async (): Promise<void> => {
    const client = new pg.Client(config);
    current = client;
    client.on('notification', (n) => {
      if (n.channel === channel) handlers.notify(n.payload ?? '');
    });
    client.on('error', () => lost(client));
    client.on('end', () => lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${assertSqlIdentifier(channel)}`);
      if (current === client && !stopped) handlers.connected(true);
    } catch {
      lost(client);
    }
  };
  void connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    const client = current;
    current = undefined;
    await client?.end().catch(() => undefined);
  };
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
