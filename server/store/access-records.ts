import { randomUUID } from 'node:crypto';
import type { Queryable } from './database.js';

export const BREAK_GLASS_HOURS = 4;

/** Opens break-glass access for one user to one patient; returns when it ends. */
export async function openBreakGlass(
  db: Queryable,
  entry: { userId: string; patientId: string; reason: string; now: Date },
): Promise<Date> {
  const expires = new Date(entry.now.getTime() + BREAK_GLASS_HOURS * 3600_000);
  await db.query(
    `INSERT INTO break_glass (id, user_id, patient_id, reason, started_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [randomUUID(), entry.userId, entry.patientId, entry.reason, entry.now.toISOString(), expires.toISOString()],
  );
  return expires;
}

export interface GrantRequest {
  patientId: string;
  organizationId?: string;
  practitionerId?: string;
  purpose: string;
  consentId?: string;
  grantedBy: string;
  now: Date;
  expires: Date;
}

export async function insertGrant(db: Queryable, g: GrantRequest): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO access_grant (id, patient_id, organization_id, practitioner_id, purpose, consent_id, granted_by, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      id,
      g.patientId,
      g.organizationId ?? null,
      g.practitionerId ?? null,
      g.purpose,
      g.consentId ?? null,
      g.grantedBy,
      g.now.toISOString(),
      g.expires.toISOString(),
    ],
  );
  return id;
}

export async function revokeGrant(db: Queryable, id: string, now: Date): Promise<boolean> {
  const result = await db.query(`UPDATE access_grant SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, [id, now.toISOString()]);
  return (result.rowCount ?? 0) > 0;
}
