import { badRequest, notFound } from '../fhir/outcomes.js';
import { confirmTotpSecret, findAccountById, setPendingTotpSecret } from '../store/accounts.js';
import type { AuthServices } from './auth-services.js';
import { newTotpSecret, totpStep } from './totp.js';

/**
 * Starts (or restarts) enrolment of a second factor: a new secret waits until the first code made from it
 * is confirmed, so a mistyped scan never locks anyone out. Returns what the authenticator app needs.
 */
export async function beginTotpEnrolment(auth: AuthServices, accountId: string): Promise<{ otpauth_uri: string; secret: string }> {
  const account = await findAccountById(auth.pool, accountId);
  if (!account?.active) throw notFound('Account not found');
  const { secret, uri } = newTotpSecret(account.username);
  await setPendingTotpSecret(auth.pool, account.id, auth.secrets.seal(secret), auth.clock());
  return { otpauth_uri: uri, secret };
}

/** Confirms enrolment with a code from the new secret; from then on every login needs a code. */
export async function confirmTotpEnrolment(auth: AuthServices, accountId: string, code: string): Promise<void> {
  const account = await findAccountById(auth.pool, accountId);
  if (!account?.active) throw notFound('Account not found');
  if (!account.totpPendingSecret) throw badRequest('No enrolment is waiting; start one first', 'code');
  const step = totpStep(auth.secrets.open(account.totpPendingSecret), code, auth.clock());
  if (step === undefined) throw badRequest('The code does not match; check the device clock and try the next code', 'code');
  await confirmTotpSecret(auth.pool, account.id, step, auth.clock());
}
