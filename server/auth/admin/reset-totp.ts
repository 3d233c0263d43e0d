import { notFound } from '../../fhir/outcomes.js';
import { findAccountByUsername, replaceTotpSecret } from '../../store/accounts.js';
import type { AuthServices } from '../auth-services.js';
import { normalizeUsername } from '../login.js';
import { newTotpSecret } from '../totp.js';

/**
 * Gives an account a new second factor outright, for an administrator who cannot log in without one (the
 * CLI on the server is the way in). Any earlier authenticator stops working.
 */
export async function resetTotp(auth: AuthServices, username: string): Promise<{ otpauth_uri: string; secret: string }> {
  const account = await findAccountByUsername(auth.pool, normalizeUsername(username));
  if (!account) throw notFound(`No account ${username}`);
  const { secret, uri } = newTotpSecret(account.username);
  await replaceTotpSecret(auth.pool, account.id, auth.secrets.seal(secret), auth.clock());
  return { otpauth_uri: uri, secret };
}
