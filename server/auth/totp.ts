import * as OTPAuth from 'otpauth';

const PERIOD = 30;
const ISSUER = 'Hiwa';

/** A new random TOTP secret (160 bits, base32) and the otpauth:// URI an authenticator app scans. */
export function newTotpSecret(username: string): { secret: string; uri: string } {
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  return { secret, uri: totpFor(secret, username).toString() };
}

/**
 * The 30-second step a code belongs to if it is valid at `now` (one step of drift either way), else
 * undefined. The caller refuses steps already used, so each code works once.
 */
export function totpStep(secret: string, code: string, now: Date): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const delta = totpFor(secret, 'check').validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return undefined;
  return Math.floor(now.getTime() / 1000 / PERIOD) + delta;
}

/** The current code for a secret: used by the CLI check and by tests. */
export function currentTotpCode(secret: string, now: Date): string {
  return totpFor(secret, 'code').generate({ timestamp: now.getTime() });
}

function totpFor(secret: string, label: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: OTPAuth.Secret.fromBase32(secret) });
}
