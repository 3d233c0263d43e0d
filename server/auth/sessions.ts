import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { inTransaction, type Queryable } from '../store/database.js';
import { findAccountById, type AccountRow } from '../store/accounts.js';
import {
  insertRefreshToken,
  lockRefreshToken,
  markRefreshTokenUsed,
  revokeRefreshFamily,
} from '../store/accounts-refresh-tokens.js';
import { FhirError, issue, outcome } from '../fhir/outcomes.js';
import type { StaffPrincipal } from './principal.js';
import type { AuthServices } from './auth-services.js';

/** The body of a successful login or refresh (the shape of DESIGN.md's contract). */
export interface TokenPair {
  access_token: string;
  refresh_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

const hashOf = (token: string): string => createHash('sha256').update(token).digest('hex');

export const invalidRefreshToken = (): FhirError =>
  new FhirError(401, outcome(issue('login', 'The refresh token is invalid, expired or revoked')));

export function staffPrincipalOfAccount(account: AccountRow): StaffPrincipal {
  return {
    kind: 'staff',
    userId: account.id,
    username: account.username,
    practitionerId: account.practitionerId,
    role: account.role,
    organizationId: account.organizationId,
    siteIds: account.siteIds,
  };
}

/** Issues an access token and a refresh token that starts (or continues) a family. */
async function issuePair(auth: AuthServices, q: Queryable, account: AccountRow, familyId: string): Promise<TokenPair> {
  const now = auth.clock();
  const refreshToken = randomBytes(32).toString('base64url');
  await insertRefreshToken(q, {
    tokenHash: hashOf(refreshToken),
    familyId,
    accountId: account.id,
    issuedAt: now,
    expiresAt: new Date(now.getTime() + auth.config.refreshTokenTtlSeconds * 1000),
  });
  const access = auth.tokens.issueStaff(staffPrincipalOfAccount(account), account.tokenGeneration, auth.config.accessTokenTtlSeconds);
  return { access_token: access.token, refresh_token: refreshToken, token_type: 'Bearer', expires_in: access.expiresIn };
}

export function startSession(auth: AuthServices, account: AccountRow): Promise<TokenPair> {
  return issuePair(auth, auth.pool, account, randomUUID());
}

/**
 * Rotates a refresh token: the presented one is spent and a successor joins its family. Presenting a
 * spent or revoked token means it was copied, so the whole family is revoked (and stays revoked: that
 * happens in its own committed transaction before the refusal).
 */
export async function refreshSession(auth: AuthServices, refreshToken: string): Promise<TokenPair> {
  const result = await inTransaction(auth.pool, async (client): Promise<TokenPair | 'refused'> => {
    const now = auth.clock();
    const row = await lockRefreshToken(client, hashOf(refreshToken));
    if (!row) return 'refused';
    if (row.usedAt || row.revokedAt) {
      await revokeRefreshFamily(client, row.familyId, now);
      return 'refused';
    }
    if (row.expiresAt <= now) return 'refused';
    const account = await findAccountById(client, row.accountId);
    if (!account?.active) {
      await revokeRefreshFamily(client, row.familyId, now);
      return 'refused';
    }
    await markRefreshTokenUsed(client, row.tokenHash, now);
    return issuePair(auth, client, account, row.familyId);
  });
  if (result === 'refused') throw invalidRefreshToken();
  return result;
}

/** Ends the session the refresh token belongs to; an unknown token changes nothing and says nothing. */
export async function endSession(auth: AuthServices, refreshToken: string): Promise<void> {
  await inTransaction(auth.pool, async (client) => {
    const row = await lockRefreshToken(client, hashOf(refreshToken));
    if (row) await revokeRefreshFamily(client, row.familyId, auth.clock());
  });
}
