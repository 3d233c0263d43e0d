import type { Queryable } from './database.js';

/** Who receives a referral: a practitioner, or every member of an organisation. */
export interface ReferralRecipient {
  practitionerId?: string;
  organizationId?: string;
}

export interface ReferredResource {
  resourceType: string;
  id: string;
  /** the end of the consent the access rests on; undefined = until the rows are replaced */
  expires?: string;
}

/**
 * Replaces what one referral Task lets its recipient read (see 010_referral_access.sql): the rule that
 * decides it (server/clinical/referral-access-rule.ts) calls this after every write that changes it.
 */
export async function replaceReferralAccess(db: Queryable, taskId: string, recipient: ReferralRecipient | undefined, resources: ReferredResource[]): Promise<void> {
  await db.query(`DELETE FROM referral_access WHERE task_id = $1`, [taskId]);
  if (recipient === undefined || resources.length === 0) return;
  await db.query(
    `INSERT INTO referral_access (task_id, resource_type, resource_id, practitioner_id, organization_id, expires_at)
     SELECT $1, t, i, $4, $5, e FROM unnest($2::text[], $3::text[], $6::timestamptz[]) AS u(t, i, e)`,
    [
      taskId,
      resources.map((r) => r.resourceType),
      resources.map((r) => r.id),
      recipient.practitionerId ?? null,
      recipient.organizationId ?? null,
      resources.map((r) => r.expires ?? null),
    ],
  );
}

/** Ends, at `now`, every grant that rests on a consent: the consent was withdrawn. Returns how many ended. */
export async function endGrantsOfConsent(db: Queryable, consentId: string, now: Date): Promise<number> {
  const result = await db.query(`UPDATE access_grant SET revoked_at = $2 WHERE consent_id = $1 AND revoked_at IS NULL`, [consentId, now.toISOString()]);
  return result.rowCount ?? 0;
}
