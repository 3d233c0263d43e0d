import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { authConfigFrom, authEnvShape, demoConfigFrom, type AuthConfig, type DemoConfig } from './auth/auth-config.js';
import { workflowEnvShape, workflowSettingsFrom, type WorkflowSettings } from './clinical/workflow-settings.js';

/** Everything Hiwa reads from its environment, checked once at start. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Address to listen on (e.g. 127.0.0.1 behind a proxy on the same host); unset = every interface. */
  HOST: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().url().optional(),
  /** A streaming replica of DATABASE_URL's server: searches go there, except a caller's right after they write. */
  DATABASE_READ_URL: z.string().url().optional(),
  /**
   * Connections each API process keeps to the PostgreSQL server (and as many to the replica). A write holds
   * its connection while the process checks and indexes what it writes, so reads need some of their own.
   */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
  /** How long after a caller's write their searches stay on the primary, in seconds (see DATABASE_READ_URL). */
  READ_YOUR_WRITES_SECONDS: z.coerce.number().min(0).max(3600).default(5),
  /**
   * Proxies whose X-Forwarded-For is believed (Express `trust proxy`): comma-separated addresses, subnets
   * (`10.0.0.0/8`) or `loopback`, `linklocal`, `uniquelocal`. The client address is what login throttling
   * and the audit trail record.
   */
  TRUST_PROXY: z
    .string()
    .default('loopback')
    .transform((v) => v.split(',').map((s) => s.trim()))
    .refine((items) => items.every(isProxyAddress), 'expected addresses, subnets, loopback, linklocal or uniquelocal, comma-separated'),
  /** Bearer token a scraper presents at /metrics; unset = /metrics answers to this host only. */
  METRICS_TOKEN: z.string().min(24, 'use at least 24 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('development'),
  /** Largest request body accepted, in bytes (a 1,000-entry transaction fits easily). */
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(32 * 1024 * 1024),
  /**
   * Most entries one batch or transaction may carry (413 beyond). Seeding and the benchmark send 1,000; a
   * field team's day offline is a few hundred. Work and time grow with the entries, and a transaction holds a
   * database connection throughout (the embedded database has only one): 5,000 minimal Patients take about
   * 12 s on a 2-core machine, where the 100,000 the body limit alone let in froze the server for half an hour.
   */
  MAX_BUNDLE_ENTRIES: z.coerce.number().int().positive().default(5000),
  /** Public base URL of the server, used in Bundle links and Location headers when set. */
  PUBLIC_URL: z.string().url().optional(),
  /** SRQ-20 positive at or above this many Yes answers; WHO sets no cut-off, each setting chooses its own. */
  SRQ20_CUTOFF: z.coerce.number().int().min(1).max(20).default(8),
  /** Where the organisation installs text packs, `<dir>/<lang>/<NAME>.json`; default `<DATA_DIR>/text-packs`. */
  TEXT_PACKS_DIR: z.string().min(1).optional(),
  /** A finished case may be reopened (finished → active) for this many days after it was closed. */
  CASE_REOPEN_DAYS: z.coerce.number().int().min(0).max(3650).default(90),
  /** Where bulk export files are written; default `<DATA_DIR>/exports`. Every API process must reach the same directory. */
  EXPORT_DIR: z.string().min(1).optional(),
  /** How long a finished export's files (and status) are kept, in seconds. */
  EXPORT_RETENTION_SECONDS: z.coerce.number().int().min(1).max(30 * 86400).default(86400),
  /** Resources read per statement (and recorded per AuditEvent) while exporting. */
  EXPORT_PAGE_SIZE: z.coerce.number().int().min(1).max(10_000).default(2500),
  /** Pages of an export read at once, each on a connection of its own. */
  EXPORT_READERS: z.coerce.number().int().min(1).max(8).default(2),
  /** Exports one client (an account or a system client) may have queued or running at once; one more is a 429. */
  EXPORTS_PER_CLIENT: z.coerce.number().int().min(1).max(100).default(3),
  /** How long a job stays its worker's without a heartbeat; a job whose process died starts over after this. */
  JOB_LEASE_SECONDS: z.coerce.number().int().min(2).max(3600).default(60),
  /** Whether this process runs queued jobs (exports); `false` for a process that only answers requests. */
  JOB_WORKER: z.enum(['true', 'false', '1', '0']).default('true').transform((v) => v === 'true' || v === '1'),
  ...workflowEnvShape,
  /** Days from a PHQ-9 or SRQ-20 score to the re-assessment Task it creates while a case is active. */
  REASSESSMENT_INTERVAL_DAYS: z.coerce.number().int().min(1).max(365).default(28),
  /** Questionnaire names that get a re-assessment Task, comma-separated; empty = none. */
  REASSESSMENT_INSTRUMENTS: z
    .string()
    .default('PHQ9,SRQ20')
    .transform((v) => v.split(',').map((s) => s.trim()).filter((s) => s !== ''))
    .refine((names) => names.every((n) => /^[A-Za-z0-9_]{1,64}$/.test(n)), 'expected Questionnaire names (e.g. PHQ9,SRQ20), comma-separated'),
  /** Days after a referral is made that its referrer gets a follow-up Task due. */
  REFERRAL_FOLLOW_UP_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  /** Indicators leaving the organisation (reporters, Directorates) suppress counts below this (1 = none). */
  REPORT_SUPPRESSION_THRESHOLD: z.coerce.number().int().min(1).max(1000).default(5),
  ...authEnvShape,
});

export interface HiwaConfig {
  port: number;
  host: string | undefined;
  dataDir: string;
  databaseUrl: string | undefined;
  databaseReadUrl: string | undefined;
  databasePoolSize: number;
  readYourWritesMs: number;
  metricsToken: string | undefined;
  trustProxy: string[];
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  production: boolean;
  maxBodyBytes: number;
  maxBundleEntries: number;
  baseUrl: string | undefined;
  srq20Cutoff: number;
  textPacksDir: string;
  caseReopenDays: number;
  exports: { dir: string; retentionSeconds: number; pageSize: number; readers: number; perClient: number };
  jobs: { worker: boolean; leaseSeconds: number };
  /** consent ages, and how soon a referral or transfer must be answered */
  workflow: WorkflowSettings;
  reassessmentIntervalDays: number;
  reassessmentInstruments: string[];
  referralFollowUpDays: number;
  reportSuppressionThreshold: number;
  auth: AuthConfig;
  demo: DemoConfig;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): HiwaConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  if (e.DATABASE_READ_URL && !e.DATABASE_URL) {
    throw new Error('Invalid configuration: DATABASE_READ_URL: a read replica needs DATABASE_URL, its primary');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databaseReadUrl: e.DATABASE_READ_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    readYourWritesMs: e.READ_YOUR_WRITES_SECONDS * 1000,
    metricsToken: e.METRICS_TOKEN,
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    production: e.NODE_ENV === 'production',
    maxBodyBytes: e.MAX_BODY_BYTES,
    maxBundleEntries: e.MAX_BUNDLE_ENTRIES,
    baseUrl: e.PUBLIC_URL,
    srq20Cutoff: e.SRQ20_CUTOFF,
    textPacksDir: path.resolve(e.TEXT_PACKS_DIR ?? path.join(e.DATA_DIR, 'text-packs')),
    caseReopenDays: e.CASE_REOPEN_DAYS,
    exports: {
      dir: path.resolve(e.EXPORT_DIR ?? path.join(e.DATA_DIR, 'exports')),
      retentionSeconds: e.EXPORT_RETENTION_SECONDS,
      pageSize: e.EXPORT_PAGE_SIZE,
      readers: e.EXPORT_READERS,
      perClient: e.EXPORTS_PER_CLIENT,
    },
    jobs: { worker: e.JOB_WORKER, leaseSeconds: e.JOB_LEASE_SECONDS },
    workflow: workflowSettingsFrom(e),
    reassessmentIntervalDays: e.REASSESSMENT_INTERVAL_DAYS,
    reassessmentInstruments: e.REASSESSMENT_INSTRUMENTS,
    referralFollowUpDays: e.REFERRAL_FOLLOW_UP_DAYS,
    reportSuppressionThreshold: e.REPORT_SUPPRESSION_THRESHOLD,
    auth: authConfigFrom(e, e.PUBLIC_URL),
    demo: demoConfigFrom(e, { production: e.NODE_ENV === 'production', embedded: !e.DATABASE_URL }),
  };
}

function isProxyAddress(item: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(item)) return true;
  const [address, bits, ...rest] = item.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}
