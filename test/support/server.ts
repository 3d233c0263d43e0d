import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../../server/config.js';
import { createApp } from '../../server/http/app.js';
import { createLogger } from '../../server/logger.js';
import { openDatabase, type Database } from '../../server/store/database.js';
import { migrate } from '../../server/store/migrate.js';

export interface TestServer {
  /** e.g. http://127.0.0.1:40123 */
  origin: string;
  /** the FHIR base, origin + /fhir/R4 */
  fhirBase: string;
  store: Database;
  close(): Promise<void>;
}

/**
 * The real app on a real database: embedded PGlite in memory, or, when DATABASE_URL is set, the PostgreSQL
 * server with a schema of its own (dropped afterwards) so suites never see each other's data.
 */
export async function startTestServer(): Promise<TestServer> {
  const databaseUrl = process.env.DATABASE_URL;
  const schema = databaseUrl ? `t_${randomBytes(6).toString('hex')}` : undefined;
  const store = await openDatabase({ databaseUrl, embeddedDir: 'memory://', schema, poolSize: 8 });
  await migrate(store.pool);
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', PORT: '0' });
  const app = createApp({ store, config, logger: createLogger(config.logLevel) });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    fhirBase: `${origin}/fhir/R4`,
    store,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await store.close();
      if (databaseUrl && schema) {
        const admin = new pg.Client({ connectionString: databaseUrl });
        await admin.connect();
        await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await admin.end();
      }
    },
  };
}

export interface FhirResult<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** A small FHIR client for tests: JSON in, parsed JSON out, status and headers kept. */
export function fhirClient(base: string, defaults: Record<string, string> = {}) {
  // any: test bodies are read loosely; each assertion states the shape it expects
  return async function request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<FhirResult<T>> {
    const res = await fetch(`${base}/${path.replace(/^\//, '')}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'Content-Type': 'application/fhir+json' } : {}),
        ...defaults,
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
  };
}
