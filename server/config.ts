import path from 'node:path';
import { z } from 'zod';
import { authConfigFrom, authEnvShape, demoConfigFrom, type AuthConfig, type DemoConfig } from './auth/auth-config.js';

/** Everything Hiwa reads from its environment, checked once at start. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('development'),
  /** Largest request body accepted, in bytes (a 1,000-entry transaction fits easily). */
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(32 * 1024 * 1024),
  /** Public base URL of the server, used in Bundle links and Location headers when set. */
  PUBLIC_URL: z.string().url().optional(),
  /** SRQ-20 positive at or above this many Yes answers; WHO sets no cut-off, each setting chooses its own. */
  SRQ20_CUTOFF: z.coerce.number().int().min(1).max(20).default(8),
  /** Where the organisation installs text packs, `<dir>/<lang>/<NAME>.json`; default `<DATA_DIR>/text-packs`. */
  TEXT_PACKS_DIR: z.string().min(1).optional(),
  /** A finished case may be reopened (finished → active) for this many days after it was closed. */
  CASE_REOPEN_DAYS: z.coerce.number().int().min(0).max(3650).default(90),
  ...authEnvShape,
});

export interface HiwaConfig {
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  production: boolean;
  maxBodyBytes: number;
  baseUrl: string | undefined;
  srq20Cutoff: number;
  textPacksDir: string;
  caseReopenDays: number;
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
  return {
    port: e.PORT,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    production: e.NODE_ENV === 'production',
    maxBodyBytes: e.MAX_BODY_BYTES,
    baseUrl: e.PUBLIC_URL,
    srq20Cutoff: e.SRQ20_CUTOFF,
    textPacksDir: path.resolve(e.TEXT_PACKS_DIR ?? path.join(e.DATA_DIR, 'text-packs')),
    caseReopenDays: e.CASE_REOPEN_DAYS,
    auth: authConfigFrom(e, e.PUBLIC_URL),
    demo: demoConfigFrom(e, { production: e.NODE_ENV === 'production', embedded: !e.DATABASE_URL }),
  };
}
