import type { Queryable } from './database.js';

/** A public JSON Web Key Set as registered for a client (validated by the admin use case). */
export interface PublicJwks {
  keys: Record<string, unknown>[];
}

export interface SystemClientRow {
  clientId: string;
  name: string;
  /** the client's public keys, registered inline; null when it registered `jwksUrl` instead */
  jwks: PublicJwks | null;
  /** where the client publishes its public keys (migration 009); null when registered inline */
  jwksUrl: string | null;
  allowedScopes: string[];
  organizationId: string | null;
  /** a data-migration client (migration 005) */
  fullAccess: boolean;
  active: boolean;
}

interface DbClient {
  client_id: string;
  name: string;
  jwks: PublicJwks | null;
  jwks_url: string | null;
  allowed_scopes: string[];
  organization_id: string | null;
  full_access: boolean;
  active: boolean;
}

const toClient = (r: DbClient): SystemClientRow => ({
  clientId: r.client_id,
  name: r.name,
  jwks: r.jwks,
  jwksUrl: r.jwks_url,
  allowedScopes: r.allowed_scopes,
  organizationId: r.organization_id,
  fullAccess: r.full_access,
  active: r.active,
});

export async function insertSystemClient(q: Queryable, c: Omit<SystemClientRow, 'active'>, now: Date): Promise<void> {
  await q.query(
    `INSERT INTO system_client (client_id, name, jwks, jwks_url, allowed_scopes, organization_id, full_access, created_at)
     VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7, $8)`,
    [c.clientId, c.name, c.jwks === null ? null : JSON.stringify(c.jwks), c.jwksUrl, c.allowedScopes, c.organizationId, c.fullAccess, now],
  );
}

export async function findSystemClient(q: Queryable, clientId: string): Promise<SystemClientRow | undefined> {
  const { rows } = await q.query<DbClient>('SELECT * FROM system_client WHERE client_id = $1', [clientId]);
  return rows[0] ? toClient(rows[0]) : undefined;
}

export async function listSystemClients(q: Queryable): Promise<SystemClientRow[]> {
  const { rows } = await q.query<DbClient>('SELECT * FROM system_client ORDER BY client_id');
  return rows.map(toClient);
}

export async function systemClientActive(q: Queryable, clientId: string): Promise<boolean> {
  const { rows } = await q.query<{ active: boolean }>('SELECT active FROM system_client WHERE client_id = $1', [clientId]);
  return rows[0]?.active === true;
}

export async function deactivateSystemClient(q: Queryable, clientId: string): Promise<boolean> {
  const res = await q.query('UPDATE system_client SET active = false WHERE client_id = $1', [clientId]);
  return res.rowCount === 1;
}

/**
 * Remembers a client assertion's `jti` until it expires; false when it was already seen (a replay).
 * Expired entries are swept on the way, since they can no longer be replayed anyway.
 */
export async function rememberAssertionJti(q: Queryable, clientId: string, jti: string, expiresAt: Date, now: Date): Promise<boolean> {
  await q.query('DELETE FROM client_assertion_jti WHERE expires_at < $1', [now]);
  const res = await q.query(
    'INSERT INTO client_assertion_jti (client_id, jti, expires_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
    [clientId, jti, expiresAt],
  );
  return res.rowCount === 1;
}
