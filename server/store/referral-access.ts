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
 * Replaces what one referral Task lets its recipient read (see 012_referral_access.sql): the rule that
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

export interface ConsultationWrite {
  resourceType: string;
  id: string;
  patientId: string;
}

/**
 * Files records the recipient of a referral just wrote for its patient under that referral: the referral is
 * theirs (they, or their organisation, own the Task), in one of `taskStatuses`, and still lets them reach the
 * patient (its row for the Patient exists and has not expired, so the consent holds). Each record is kept in
 * referral_record and becomes readable like the rest of the referral (referral_access, same recipient and
 * expiry). A record with no such referral is left alone: the caller's access check then refuses it.
 */
export async function recordUnderReferral(
  db: Queryable,
  writes: ConsultationWrite[],
  writer: { practitionerId: string; organizationId: string },
  taskStatuses: readonly string[],
  now: Date,
): Promise<void> {
  if (writes.length === 0) return;
  await db.query(
    `WITH w AS (SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) AS w(resource_type, resource_id, patient_id)),
     under AS (
       SELECT DISTINCT ON (ra.task_id, w.resource_type, w.resource_id)
              ra.task_id, w.resource_type, w.resource_id, ra.practitioner_id, ra.organization_id, ra.expires_at
       FROM w JOIN referral_access ra ON ra.resource_type = 'Patient' AND ra.resource_id = w.patient_id
       WHERE (ra.practitioner_id = $4 OR ra.organization_id = $5)
         AND (ra.expires_at IS NULL OR ra.expires_at > $6)
         AND EXISTS (SELECT 1 FROM sp_token s WHERE s.resource_type = 'Task' AND s.resource_id = ra.task_id AND s.param = 'status' AND s.code = ANY($7::text[]))
     ),
     kept AS (
       INSERT INTO referral_record (task_id, resource_type, resource_id) SELECT task_id, resource_type, resource_id FROM under
       ON CONFLICT DO NOTHING
     )
     INSERT INTO referral_access (task_id, resource_type, resource_id, practitioner_id, organization_id, expires_at)
     SELECT u.task_id, u.resource_type, u.resource_id, u.practitioner_id, u.organization_id, u.expires_at FROM under u
     WHERE NOT EXISTS (SELECT 1 FROM referral_access x WHERE x.task_id = u.task_id AND x.resource_type = u.resource_type AND x.resource_id = u.resource_id)`,
    [
      writes.map((w) => w.resourceType),
      writes.map((w) => w.id),
      writes.map((w) => w.patientId),
      writer.practitionerId,
      writer.organizationId,
      now.toISOString(),
      [...taskStatuses],
    ],
  );
}

/** The records the recipient wrote under a referral (recordUnderReferral), for computing its access again. */
export async function recordedUnderReferral(db: Queryable, taskId: string): Promise<{ resourceType: string; id: string }[]> {
  const result = await db.query<{ resource_type: string; resource_id: string }>(
    `SELECT resource_type, resource_id FROM referral_record WHERE task_id = $1 ORDER BY resource_type, resource_id`,
    [taskId],
  );
  return result.rows.map((r) => ({ resourceType: r.resource_type, id: r.resource_id }));
}
