import { notFound } from '../../fhir/outcomes.js';
import { inTransaction } from '../../store/database.js';
import { deactivateAccount, findAccountByUsername } from '../../store/accounts.js';
import { revokeAccountRefreshTokens } from '../../store/accounts-refresh-tokens.js';
import type { AuthServices } from '../auth-services.js';
import { normalizeUsername } from '../login.js';

/**
 * Deactivates an account: its access tokens are refused from the next request on (the token generation
 * moves past them; every API process forgets what it remembered of the account before this answers, see
 * TokenStates.changed) and its refresh tokens are revoked. The Practitioner stays, as records point at it.
 */
export async function deactivateUser(auth: AuthServices, username: string): Promise<void> {
  const account = await findAccountByUsername(auth.pool, normalizeUsername(username));
  if (!account) throw notFound(`No account ${username}`);
  await auth.tokenStates.changed(`account:${account.id}`, () =>
    inTransaction(auth.pool, async (client) => {
      const now = auth.clock();
      await deactivateAccount(client, account.id, now);
      await revokeAccountRefreshTokens(client, account.id, now);
    }),
  );
}
