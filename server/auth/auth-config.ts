import { z } from 'zod';

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** Environment variables of authentication, hardening and demo mode (merged into the server's schema). */
export const authEnvShape = {
  /** PEM private key (RSA or EC P-256/P-384) signing access tokens; absent → generated once under DATA_DIR/keys */
  JWT_PRIVATE_KEY: z.string().min(1).optional(),
  /** 32 bytes, base64, sealing TOTP secrets at rest; absent → generated once under DATA_DIR/keys */
  TOTP_ENCRYPTION_KEY: z.string().min(1).optional(),
  ACCESS_TOKEN_TTL_SECONDS: seconds(15 * 60),
  REFRESH_TOKEN_TTL_SECONDS: seconds(12 * 60 * 60),
  SYSTEM_TOKEN_TTL_SECONDS: seconds(5 * 60),
  /** failed logins on one username before it is locked for LOGIN_LOCKOUT_SECONDS */
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().positive().default(5),
  /** failed logins from one address (any usernames) before it is locked */
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().positive().default(20),
  /** both the counting window and the lock duration */
  LOGIN_LOCKOUT_SECONDS: seconds(15 * 60),
  /** requests per minute one token may make to the FHIR API (per API process) */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(1200),
  /** requests per minute one address may make to /auth, /oauth2 and /admin (per API process) */
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(300),
  /** comma-separated origins allowed to call the API from a browser; none by default */
  CORS_ORIGINS: z.string().default(''),
  /** overrides the default: on with the embedded database, off with a server or NODE_ENV=production */
  DEMO_MODE: flag.optional(),
  DEMO_PASSWORD: z.string().min(1).default('demo'),
  /**
   * generated beneficiaries demo mode adds around the forty hand-written ones (with every site of the
   * programme and a team per governorate); 0 = the hand-written demo only, which starts in seconds
   */
  DEMO_POPULATION: z.coerce.number().int().min(0).max(5000).default(460),
};

const authEnvSchema = z.object(authEnvShape);
export type AuthEnv = z.infer<typeof authEnvSchema>;

export interface AuthConfig {
  jwtPrivateKeyPem: string | undefined;
  totpEncryptionKey: string | undefined;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  systemTokenTtlSeconds: number;
  /** `iss` of the access tokens this server issues */
  issuer: string;
  /** `aud` of the access tokens this server issues and accepts */
  audience: string;
  loginMaxFailuresPerAccount: number;
  loginMaxFailuresPerAddress: number;
  loginLockoutSeconds: number;
  rateLimitPerMinute: number;
  authRateLimitPerMinute: number;
  corsOrigins: string[];
}

export interface DemoConfig {
  enabled: boolean;
  password: string;
  population: number;
}

export function authConfigFrom(e: AuthEnv, baseUrl: string | undefined): AuthConfig {
  const issuer = baseUrl ? baseUrl.replace(/\/$/, '') : 'urn:hiwa';
  return {
    jwtPrivateKeyPem: e.JWT_PRIVATE_KEY,
    totpEncryptionKey: e.TOTP_ENCRYPTION_KEY,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: e.REFRESH_TOKEN_TTL_SECONDS,
    systemTokenTtlSeconds: e.SYSTEM_TOKEN_TTL_SECONDS,
    issuer,
    audience: baseUrl ? `${issuer}/fhir/R4` : 'urn:hiwa:api',
    loginMaxFailuresPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    loginMaxFailuresPerAddress: e.LOGIN_MAX_FAILURES_PER_ADDRESS,
    loginLockoutSeconds: e.LOGIN_LOCKOUT_SECONDS,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    authRateLimitPerMinute: e.AUTH_RATE_LIMIT_PER_MINUTE,
    corsOrigins: e.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  };
}

export function demoConfigFrom(e: AuthEnv, defaults: { production: boolean; embedded: boolean }): DemoConfig {
  return { enabled: e.DEMO_MODE ?? (!defaults.production && defaults.embedded), password: e.DEMO_PASSWORD, population: e.DEMO_POPULATION };
}
