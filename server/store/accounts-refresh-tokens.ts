import type { Queryable } from './database.js';

export interface RefreshTokenRow {
  tokenHash: string;
  familyId: string;
  accountId: string;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

export async function insertRefreshToken(
  q: Queryable,
  t: { tokenHash: string; familyId: string; accountId: string; issuedAt: Date; expiresAt: Date },
): Promise<void> {
  await q.query(
    'INSERT INTO refresh_token (token_hash, family_id, account_id, issued_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
    [t.tokenHash, t.familyId, t.accountId, t.issuedAt, t.expiresAt],
  );
}

/** Reads a refresh token and locks it, so two refreshes with the same token cannot both rotate it. */
export async function lockRefreshToken(q: Queryable, tokenHash: string): Promise<RefreshTokenRow | undefined> {
  const { rows } = await q.query<{
    token_hash: string;
    family_id: string;
    account_id: string;
    expires_at: Date;
    used_at: Date | null;
    revoked_at: Date | null;
  }>('SELECT token_hash, family_id, account_id, expires_at, used_at, revoked_at FROM refresh_token WHERE token_hash = $1 FOR UPDATE', [
    tokenHash,
  ]);
  const r = rows[0];
  return r
    ? { tokenHash: r.token_hash, familyId: r.family_id, accountId: r.account_id, expiresAt: r.expires_at, usedAt: r.used_at, revokedAt: r.revoked_at }
    : undefined;
}

export async function markRefreshTokenUsed(q: Queryable, tokenHash: string, now: Date): Promise<void> {
  await q.query('UPDATE refresh_token SET used_at = $2 WHERE token_hash = $1', [tokenHash, now]);
}

export async function revokeRefreshFamily(q: Queryable, familyId: string, now: Date): Promise<void> {
  await q.query('UPDATE refresh_token SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL', [familyId, now]);
}

export async function revokeAccountRefreshTokens(q: Queryable, accountId: string, now: Date): Promise<void> {
  await q.query('UPDATE refresh_token SET revoked_at = $2 WHERE account_id = $1 AND revoked_at IS NULL', [accountId, now]);
}
