import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createOrganization } from '../../server/auth/admin/create-organization.js';
import { createSite } from '../../server/auth/admin/create-site.js';
import { createSystemClient } from '../../server/auth/admin/create-system-client.js';
import { createUser, type CreatedUser, type CreateUserInput } from '../../server/auth/admin/create-user.js';
import { createAuthServices, type AuthServices } from '../../server/auth/auth-services.js';
import type { TokenPair } from '../../server/auth/sessions.js';
import { loadConfig, type HiwaConfig } from '../../server/config.js';
import { createApp, stopBackgroundWork } from '../../server/http/app.js';
import { createLogger, type Logger } from '../../server/logger.js';
import { openDatabase, type Database } from '../../server/store/database.js';
import { migrate } from '../../server/store/migrate.js';
import { ensureAuditPartitions } from '../../server/store/audit-partitions.js';
import { migratedEmbeddedTemplate } from './embedded-template.js';
import { seedDemoAccounts, type DemoSeedResult } from '../../seed/demo-accounts.js';
import { seedDemoData, type DemoDataResult } from '../../seed/demo-data.js';
import { clientCredentials, newClientKey } from './smart-client.js';

export interface TestAccount extends CreatedUser {
  password: string;
}

export interface TestServer {
  /** e.g. http://127.0.0.1:40123 */
  origin: string;
  /** the FHIR base, origin + /fhir/R4 */
  fhirBase: string;
  store: Database;
  /** the schema of DATABASE_URL's server this server's tables are in (absent on the embedded database) */
  schema?: string;
  /** the app's authentication services (keys, token signer), for tests that forge or inspect tokens */
  auth: AuthServices;
  /** where this server keeps keys (a temporary DATA_DIR, removed on close) */
  dataDir: string;
  /** the Organization and Location the default account belongs to */
  organizationId: string;
  siteId: string;
  /** the default account, a supervisor of `organizationId` at `siteId`, and its access token */
  account: TestAccount;
  token: string;
  /** creates an account through the store (defaults: caseworker of `organizationId` at `siteId`, a strong password) */
  createAccount(input?: Partial<CreateUserInput>): Promise<TestAccount>;
  /** what demo seeding created, when started with `demo: true` */
  demoSeed?: DemoSeedResult;
  /** the demo's clinical data, seeded after the demo accounts when started with `demo: true` */
  demoData?: DemoDataResult;
  /** a token of a data-migration client (full access), registered on first use, for setting up data */
  dataMigrationToken(): Promise<string>;
  /** POST /auth/login; throws unless it succeeds */
  login(username: string, password: string, totp?: string): Promise<TokenPair>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** environment overrides, e.g. { DEMO_MODE: 'true', LOGIN_MAX_FAILURES_PER_ACCOUNT: '3' } */
  env?: Record<string, string>;
  clock?: () => Date;
  /**
   * demo mode, seeded as `server/main.ts` does at start: accounts, then clinical data (before the test
   * accounts are added); the hand-written demo unless a generated `population` is asked for (the full demo)
   */
  demo?: boolean | { population: number; seed?: number };
  /**
   * Whose token `fhirClient` sends by default: the supervisor account (default), or a data-migration
   * system client with `system/*.*` (full access, obtained through SMART Backend Services) for the suites
   * that test FHIR semantics on every resource type rather than the access policy.
   */
  caller?: 'supervisor' | 'data-migration';
  /**
   * A database of the test's own instead of one in memory or a schema of DATABASE_URL's: a directory for
   * the embedded database, or the URL of a scratch database on a server. Left in place on close.
   */
  database?: { embeddedDir: string } | { url: string };
  /** a PostgreSQL server other than DATABASE_URL's, e.g. one reached through a proxy the test can cut (in a schema of its own) */
  databaseUrl?: string;
  /** where the server logs, for tests that check what it says; silent by default (TEST_LOG_LEVEL to see it) */
  logger?: Logger;
}

/**
 * The configuration of an app under test on `dataDir`: quiet, on a free port, demo mode off, and the rate
 * limits of every door lifted so that a suite's bursts are not throttled; `env` adds or overrides. Every test
 * app (startTestServer, secondProcess) is configured here, so they cannot drift apart.
 */
export function testConfig(dataDir: string, env: Record<string, string | undefined> = {}): HiwaConfig {
  return loadConfig({
    ...process.env,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PORT: '0',
    DATA_DIR: dataDir,
    DEMO_MODE: 'false',
    RATE_LIMIT_PER_MINUTE: '1000000',
    AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
    ...env,
  });
}

/** Default access token per FHIR base, so that `fhirClient(server.fhirBase)` is logged in. */
const tokensByBase = new Map<string, string>();

/**
 * The real app on a real database: embedded PGlite in memory, or, when DATABASE_URL is set, the PostgreSQL
 * server with a schema of its own (dropped afterwards) so suites never see each other's data. Demo mode is
 * off so both databases behave alike; rate limits are lifted so that suites are not throttled.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const own = options.database;
  const databaseUrl = own ? ('url' in own ? own.url : undefined) : (options.databaseUrl ?? process.env.DATABASE_URL);
  const schema = databaseUrl && !own ? `t_${randomBytes(6).toString('hex')}` : undefined;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hiwa-test-'));
  const embeddedDir = own && 'embeddedDir' in own ? own.embeddedDir : 'memory://';
  const embeddedFrom = databaseUrl || own ? undefined : await migratedEmbeddedTemplate();
  const store = await openDatabase({ databaseUrl, embeddedDir, schema, poolSize: 8, embeddedFrom });
  await migrate(store.pool);
  await ensureAuditPartitions(store.pool, options.clock?.() ?? new Date());
  const config = testConfig(dataDir, {
    DEMO_MODE: options.demo ? 'true' : 'false',
    // a suite driven by the data-migration client may outlive a system token's default five minutes
    ...(options.caller === 'data-migration' ? { SYSTEM_TOKEN_TTL_SECONDS: '3600' } : {}),
    ...options.env,
  });
  const auth = createAuthServices({ pool: store.pool, config, clock: options.clock, notices: store });
  const logger = options.logger ?? createLogger(config.logLevel);
  const app = createApp({ store, config, logger, clock: options.clock, auth });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const fhirBase = `${origin}/fhir/R4`;

  const full = typeof options.demo === 'object' ? options.demo : undefined;
  const demoSeed = options.demo ? await seedDemoAccounts(auth, dataDir, { full: full !== undefined }) : undefined;
  const demoData = options.demo
    ? await seedDemoData({ pool: store.pool, config, logger, now: options.clock?.(), population: full?.population, seed: full?.seed })
    : undefined;
  const organization = await createOrganization(auth, { name: 'Test programme' });
  const site = await createSite(auth, { name: 'Test site', organization: organization.id as string });
  const createAccount = async (input: Partial<CreateUserInput> = {}): Promise<TestAccount> => {
    const password = input.password ?? `pw-${randomBytes(12).toString('base64url')}`;
    const created = await createUser(auth, {
      username: `user.${randomBytes(5).toString('hex')}`,
      role: 'caseworker',
      organization: organization.id as string,
      sites: [site.id as string],
      givenName: 'Test',
      familyName: 'User',
      ...input,
      password,
    });
    return { ...created, password };
  };
  const login = async (username: string, password: string, totp?: string): Promise<TokenPair> => {
    const res = await fetch(`${origin}/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password, ...(totp ? { totp } : {}) }),
    });
    if (res.status !== 200) throw new Error(`login of ${username} failed: ${res.status} ${await res.text()}`);
    return (await res.json()) as TokenPair;
  };
  const account = await createAccount({ role: 'supervisor', username: 'test.supervisor' });
  let migrationToken: Promise<string> | undefined;
  const migration = (): Promise<string> => (migrationToken ??= dataMigrationToken(auth, origin));
  const token = options.caller === 'data-migration' ? await migration() : (await login(account.username, account.password)).access_token;
  tokensByBase.set(fhirBase, token);

  return {
    origin,
    fhirBase,
    store,
    ...(schema ? { schema } : {}),
    auth,
    dataDir,
    organizationId: organization.id as string,
    siteId: site.id as string,
    account,
    token,
    createAccount,
    ...(demoSeed ? { demoSeed } : {}),
    ...(demoData ? { demoData } : {}),
    login,
    dataMigrationToken: migration,
    async close() {
      tokensByBase.delete(fhirBase);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await stopBackgroundWork(app);
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
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

/**
 * A small FHIR client for tests: JSON in, parsed JSON out, status and headers kept. It sends the test
 * server's default token unless `defaults` or the call give their own Authorization header.
 */
export function fhirClient(base: string, defaults: Record<string, string> = {}) {
  // any: test bodies are read loosely; each assertion states the shape it expects
  return async function request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<FhirResult<T>> {
    const token = tokensByBase.get(base);
    const res = await fetch(`${base}/${path.replace(/^\//, '')}`, {
      method,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
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

/** Registers a full-access client with a key made here and gets its token through the real token endpoint. */
async function dataMigrationToken(auth: AuthServices, origin: string): Promise<string> {
  const key = await newClientKey('ES384');
  const clientId = `migration-${randomBytes(4).toString('hex')}`;
  await createSystemClient(auth, {
    clientId,
    name: 'Test data migration',
    jwks: { keys: [key.publicJwk] },
    scopes: ['system/*.*'],
    fullAccess: true,
  });
  const res = await clientCredentials({ clientId, key, tokenEndpoint: `${origin}/oauth2/token`, scope: 'system/*.*' });
  if (res.status !== 200) throw new Error(`data-migration token refused: ${JSON.stringify(res.body)}`);
  return res.body.access_token as string;
}
