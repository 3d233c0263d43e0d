import { accountTokenState } from '../store/accounts.js';
import { systemClientActive } from '../store/accounts-clients.js';
import type { AuthServices } from './auth-services.js';

/**
 * What the database says now of the account or system client behind a token or a job: remembered per
 * process while the database's change notices are heard, and forgotten when one comes (TokenStates), so a
 * deactivation holds everywhere once it has answered.
 */
export type CallerStates = Pick<AuthServices, 'pool' | 'tokenStates'>;

/** The account's state (active, token generation); undefined when there is no such account. */
export function accountState(auth: CallerStates, accountId: string): Promise<{ active: boolean; tokenGeneration: number } | undefined> {
  return auth.tokenStates.get(`account:${accountId}`, () => accountTokenState(auth.pool, accountId));
}

/** Whether the system client exists and is active. */
export function clientActive(auth: CallerStates, clientId: string): Promise<boolean> {
  return auth.tokenStates.get(`client:${clientId}`, () => systemClientActive(auth.pool, clientId));
}

/**
 * Whether whoever a piece of work runs for may still act: the staff account or system client is active.
 * Work that outlives a request (a bulk export) asks between its steps; a new token generation (logout,
 * password change) does not stop it, only deactivation does.
 */
export async function callerActive(auth: CallerStates, caller: { kind: 'staff'; userId: string } | { kind: 'system'; clientId: string }): Promise<boolean> {
  return caller.kind === 'staff' ? (await accountState(auth, caller.userId))?.active === true : clientActive(auth, caller.clientId);
}
