import { FhirError, issue, outcome, tooManyRequests } from '../fhir/outcomes.js';
import { acceptTotpStep, findAccountByUsername, recordAccountLoginFailure, recordAccountLoginSuccess, type AccountRow } from '../store/accounts.js';
import { clearThrottle, recordThrottleFailure, throttleLockedUntil } from '../store/accounts-throttle.js';
import type { AuthServices } from './auth-services.js';
import { verifyPassword } from './passwords.js';
import { startSession, type TokenPair } from './sessions.js';
import { totpStep } from './totp.js';

export interface LoginAttempt {
  username: string;
  password: string;
  totp?: string;
  /** the client's address, for throttling */
  address: string;
}

const invalidCredentials = (): FhirError => new FhirError(401, outcome(issue('login', 'Invalid credentials')));

/** The password was right and a second factor is needed: the client asks for the code and tries again. */
const totpRequired = (): FhirError =>
  new FhirError(401, outcome(issue('login', 'A one-time code from the authenticator app is required', 'totp')));

const totpNotEnrolled = (): FhirError =>
  new FhirError(
    401,
    outcome(issue('login', 'This account needs a second factor before it can log in; an administrator can enrol one with `npm run admin -- enrol-totp`')),
  );

export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

/**
 * Password (and TOTP where required) → a new session. Failures count against the username and the
 * address; either reaching its limit locks it for a while, and a locked login is refused before any
 * password is checked (429 with Retry-After). Every credential failure says the same thing.
 */
export async function login(auth: AuthServices, attempt: LoginAttempt): Promise<TokenPair> {
  const username = normalizeUsername(attempt.username);
  const accountKey = `account:${username}`;
  const addressKey = `address:${attempt.address}`;
  const locked = await throttleLockedUntil(auth.pool, [accountKey, addressKey], auth.clock());
  if (locked) {
    const seconds = Math.max(1, Math.ceil((locked.getTime() - auth.clock().getTime()) / 1000));
    throw tooManyRequests('Too many failed logins; try again later', seconds);
  }

  const account = await findAccountByUsername(auth.pool, username);
  const passwordOk = await verifyPassword(account?.passwordHash, attempt.password);
  if (!account || !passwordOk || !account.active) {
    await recordFailure(auth, account, accountKey, addressKey);
    throw invalidCredentials();
  }

  const secondFactor = secondFactorOf(auth, account);
  if (secondFactor === 'not-enrolled') throw totpNotEnrolled();
  if (secondFactor !== undefined) {
    if (!attempt.totp) throw totpRequired();
    const step = totpStep(auth.secrets.open(secondFactor), attempt.totp, auth.clock());
    if (step === undefined || !(await acceptTotpStep(auth.pool, account.id, step))) {
      await recordFailure(auth, account, accountKey, addressKey);
      throw invalidCredentials();
    }
  }

  await clearThrottle(auth.pool, accountKey);
  await recordAccountLoginSuccess(auth.pool, account.id, auth.clock());
  return startSession(auth, account);
}

/**
 * The sealed TOTP secret the login must check, 'not-enrolled' when one is required but missing, or
 * undefined when no second factor applies. Admins always need one, except in demo mode.
 */
function secondFactorOf(auth: AuthServices, account: AccountRow): string | 'not-enrolled' | undefined {
  if (account.totpSecret) return account.totpSecret;
  if (account.role === 'admin' && !auth.demo.enabled) return 'not-enrolled';
  return undefined;
}

async function recordFailure(auth: AuthServices, account: AccountRow | undefined, accountKey: string, addressKey: string): Promise<void> {
  const now = auth.clock();
  const { loginMaxFailuresPerAccount, loginMaxFailuresPerAddress, loginLockoutSeconds } = auth.config;
  const window = { windowSeconds: loginLockoutSeconds, lockSeconds: loginLockoutSeconds };
  await recordThrottleFailure(auth.pool, accountKey, now, { ...window, maxFailures: loginMaxFailuresPerAccount });
  await recordThrottleFailure(auth.pool, addressKey, now, { ...window, maxFailures: loginMaxFailuresPerAddress });
  if (account) await recordAccountLoginFailure(auth.pool, account.id, now);
}
