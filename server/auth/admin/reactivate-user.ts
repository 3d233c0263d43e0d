import { z } from 'zod';
import { notFound } from '../../fhir/outcomes.js';
import { findAccountByUsername, reactivateAccount } from '../../store/accounts.js';
import type { AuthServices } from '../auth-services.js';
import { parseInput } from '../parse-input.js';
import { usernameSchema } from './create-user.js';

const reactivateUserInput = z.object({ username: usernameSchema });

/**
 * Lets a deactivated account sign in again. Tokens issued before the deactivation stay refused (their
 * generation is behind), so the person signs in afresh. Every API process forgets what it remembered of the
 * account before this answers (see TokenStates.changed). An account that is already active is left as it is.
 */
export async function reactivateUser(auth: AuthServices, username: string): Promise<{ username: string; active: true }> {
  const input = parseInput(reactivateUserInput, { username });
  const account = await findAccountByUsername(auth.pool, input.username);
  if (!account) throw notFound(`No account ${input.username}`);
  // Only a real change is announced: an unchanged row sends no notice to wait for.
  if (!account.active) await auth.tokenStates.changed(`account:${account.id}`, () => reactivateAccount(auth.pool, account.id, auth.clock()));
  return { username: account.username, active: true };
}
