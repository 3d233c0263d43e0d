import { z } from 'zod';
import { staffRoles, type StaffRole } from '../auth/principal.js';
import type { Queryable } from './database.js';

/** A staff account as stored: credentials and the access-relevant copy of its PractitionerRole. */
export interface AccountRow {
  id: string;
  username: string;
  passwordHash: string;
  displayName: string;
  practitionerId: string;
  practitionerRoleId: string;
  role: StaffRole;
  organizationId: string;
  siteIds: string[];
  active: boolean;
  tokenGeneration: number;
  /** sealed; see SecretBox */
  totpSecret: string | null;
  totpPendingSecret: string | null;
  totpLastStep: number | null;
  failedAttempts: number;
  lastLoginAt: Date | null;
}

export type NewAccount = Pick<
  AccountRow,
  'id' | 'username' | 'passwordHash' | 'displayName' | 'practitionerId' | 'practitionerRoleId' | 'role' | 'organizationId' | 'siteIds'
> & { totpSecret?: string | null };

const roleOf = z.enum(staffRoles);

interface DbAccount {
  id: string;
  username: string;
  password_hash: string;
  display_name: string;
  practitioner_id: string;
  practitioner_role_id: string;
  role: string;
  organization_id: string;
  site_ids: string[];
  active: boolean;
  token_generation: number;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_last_step: string | null; // bigint arrives as text
  failed_attempts: number;
  last_login_at: Date | null;
}

function toAccount(r: DbAccount): AccountRow {
  return {
    id: r.id,
    username: r.username,
    passwordHash: r.password_hash,
    displayName: r.display_name,
    practitionerId: r.practitioner_id,
    practitionerRoleId: r.practitioner_role_id,
    role: roleOf.parse(r.role),
    organizationId: r.organization_id,
    siteIds: r.site_ids,
    active: r.active,
    tokenGeneration: r.token_generation,
    totpSecret: r.totp_secret,
    totpPendingSecret: r.totp_pending_secret,
    totpLastStep: r.totp_last_step === null ? null : Number(r.totp_last_step),
    failedAttempts: r.failed_attempts,
    lastLoginAt: r.last_login_at,
  };
}

export async function insertAccount(q: Queryable, a: NewAccount, now: Date): Promise<void> {
  await q.query(
    `INSERT INTO account (id, username, password_hash, display_name, practitioner_id, practitioner_role_id, role,
       organization_id, site_ids, totp_secret, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)`,
    [a.id, a.username, a.passwordHash, a.displayName, a.practitionerId, a.practitionerRoleId, a.role, a.organizationId, a.siteIds, a.totpSecret ?? null, now],
  );
}

export async function findAccountByUsername(q: Queryable, username: string): Promise<AccountRow | undefined> {
  const { rows } = await q.query<DbAccount>('SELECT * FROM account WHERE username = $1', [username]);
  return rows[0] ? toAccount(rows[0]) : undefined;
}

export async function findAccountById(q: Queryable, id: string): Promise<AccountRow | undefined> {
  const { rows } = await q.query<DbAccount>('SELECT * FROM account WHERE id = $1', [id]);
  return rows[0] ? toAccount(rows[0]) : undefined;
}

export async function listAccounts(q: Queryable): Promise<AccountRow[]> {
  const { rows } = await q.query<DbAccount>('SELECT * FROM account ORDER BY username');
  return rows.map(toAccount);
}

export async function countAccounts(q: Queryable): Promise<number> {
  const { rows } = await q.query<{ n: string }>('SELECT count(*) AS n FROM account');
  return Number(rows[0]?.n ?? 0);
}

/** What every authenticated request checks: is the account still active, and is the token's generation current? */
export async function accountTokenState(q: Queryable, id: string): Promise<{ active: boolean; tokenGeneration: number } | undefined> {
  const { rows } = await q.query<{ active: boolean; token_generation: number }>(
    'SELECT active, token_generation FROM account WHERE id = $1',
    [id],
  );
  return rows[0] ? { active: rows[0].active, tokenGeneration: rows[0].token_generation } : undefined;
}

export async function recordAccountLoginFailure(q: Queryable, id: string, now: Date): Promise<void> {
  await q.query('UPDATE account SET failed_attempts = failed_attempts + 1, updated_at = $2 WHERE id = $1', [id, now]);
}

export async function recordAccountLoginSuccess(q: Queryable, id: string, now: Date): Promise<void> {
  await q.query('UPDATE account SET failed_attempts = 0, last_login_at = $2, updated_at = $2 WHERE id = $1', [id, now]);
}

/**
 * Accepts a TOTP step only if it is later than the last one accepted, atomically: the same code (or an
 * older one) presented twice, even by two processes at once, succeeds once.
 */
export async function acceptTotpStep(q: Queryable, id: string, step: number): Promise<boolean> {
  const res = await q.query(
    'UPDATE account SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)',
    [id, step],
  );
  return res.rowCount === 1;
}

export async function setPendingTotpSecret(q: Queryable, id: string, sealed: string, now: Date): Promise<void> {
  await q.query('UPDATE account SET totp_pending_secret = $2, updated_at = $3 WHERE id = $1', [id, sealed, now]);
}

/** Makes the pending secret the account's second factor. */
export async function confirmTotpSecret(q: Queryable, id: string, step: number, now: Date): Promise<void> {
  await q.query(
    `UPDATE account SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, totp_last_step = $2, updated_at = $3
     WHERE id = $1 AND totp_pending_secret IS NOT NULL`,
    [id, step, now],
  );
}

/** Replaces the second factor outright (CLI enrolment for an admin who cannot log in without one). */
export async function replaceTotpSecret(q: Queryable, id: string, sealed: string, now: Date): Promise<void> {
  await q.query(
    'UPDATE account SET totp_secret = $2, totp_pending_secret = NULL, totp_last_step = NULL, updated_at = $3 WHERE id = $1',
    [id, sealed, now],
  );
}

/** Deactivates and raises the token generation, so every access token already issued is refused at once. */
export async function deactivateAccount(q: Queryable, id: string, now: Date): Promise<void> {
  await q.query(
    'UPDATE account SET active = false, token_generation = token_generation + 1, updated_at = $2 WHERE id = $1',
    [id, now],
  );
}

/** Lets a deactivated account sign in again; the token generation stays, so tokens from before remain refused. */
export async function reactivateAccount(q: Queryable, id: string, now: Date): Promise<void> {
  await q.query('UPDATE account SET active = true, updated_at = $2 WHERE id = $1', [id, now]);
}
