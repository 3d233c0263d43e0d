import type { Consent, Patient } from '@medplum/fhirtypes';
import { periodsAllowing } from '../clinical/consent-gates.js';
import type { Queryable } from './database.js';
import type { VersionWrite } from './resource-writes.js';
import { prepared } from './sql.js';

export const REGISTRATION_SITE_URL = 'https://hiwa.health/fhir/StructureDefinition/registration-site';

/** Case statuses in which the case manager still holds the case. */
const openCaseStatuses = ['planned', 'waitlist', 'active', 'onhold'];

/**
 * Brings `patient_access` up to date after writes, in the same transaction: a Patient's organisation and
 * site, the case managers of a patient's open cases (EpisodeOfCare), and when their Consents allow the
 * exchange with the Directorate of Health.
 */
export async function refreshPatientAccess(db: Queryable, writes: VersionWrite[]): Promise<void> {
  const patients = writes.filter((w) => w.resourceType === 'Patient' && w.content !== null);
  if (patients.length > 0) {
    // One statement for all the Patients of a write: a 1,000-entry transaction must not wait for 1,000
    // round trips. A resource appears at most once per write, so no row is upserted twice.
    const parsed = patients.map((w) => JSON.parse(w.content as string) as Patient);
    await db.query(
      prepared(
        `INSERT INTO patient_access (patient_id, organization_id, site_id)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
         ON CONFLICT (patient_id) DO UPDATE SET organization_id = EXCLUDED.organization_id, site_id = EXCLUDED.site_id`,
        [patients.map((w) => w.id), parsed.map((p) => localId(p.managingOrganization?.reference, 'Organization')), parsed.map(siteOf)],
      ),
    );
  }
  const casePatients = patientsOf(writes, 'EpisodeOfCare');
  if (casePatients.length > 0) {
    await ensureRows(db, casePatients);
    await db.query(
      `UPDATE patient_access pa SET care_managers = ARRAY(
         SELECT DISTINCT cm.target_id FROM sp_reference p
         JOIN sp_reference cm ON cm.resource_type = 'EpisodeOfCare' AND cm.resource_id = p.resource_id AND cm.param = 'care-manager'
         JOIN sp_token st ON st.resource_type = 'EpisodeOfCare' AND st.resource_id = p.resource_id AND st.param = 'status'
           AND st.code = ANY($2::text[])
         WHERE p.resource_type = 'EpisodeOfCare' AND p.param = 'patient' AND p.target_id = pa.patient_id
           AND cm.target_id IS NOT NULL)
       WHERE pa.patient_id = ANY($1::text[])`,
      [casePatients, openCaseStatuses],
    );
  }
  const consentPatients = patientsOf(writes, 'Consent');
  if (consentPatients.length > 0) {
    await ensureRows(db, consentPatients);
    await refreshDohExchange(db, consentPatients);
  }
}

const PATIENTS_PER_STATEMENT = 500;

/**
 * Works out the Directorate-of-Health periods a migration left to be worked out (NULL, see
 * 015_doh_exchange_periods.sql), in the migration's transaction. Returns how many patients.
 */
export async function refreshPendingDohExchange(db: Queryable): Promise<number> {
  let total = 0;
  for (;;) {
    const pending = await db.query<{ patient_id: string }>(
      `SELECT patient_id FROM patient_access WHERE doh_exchange_periods IS NULL ORDER BY patient_id LIMIT ${PATIENTS_PER_STATEMENT}`,
    );
    if (pending.rows.length === 0) return total;
    await refreshDohExchange(db, pending.rows.map((r) => r.patient_id));
    total += pending.rows.length;
  }
}

/**
 * When each patient's current Consents allow the exchange with the Directorate of Health, by the rule of the
 * consent gates: the access rule of a Directorate's read compares these periods with the time of the read,
 * so a consent that ends closes the record when it ends, with no write.
 */
async function refreshDohExchange(db: Queryable, patientIds: string[]): Promise<void> {
  const found = await db.query<{ patient_id: string; content: string }>(
    `SELECT p.target_id AS patient_id, r.content FROM sp_reference p
     JOIN resource r ON r.resource_type = 'Consent' AND r.id = p.resource_id AND NOT r.deleted
     WHERE p.resource_type = 'Consent' AND p.param = 'patient' AND p.target_id = ANY($1::text[])`,
    [patientIds],
  );
  const consents = new Map<string, Consent[]>();
  for (const row of found.rows) consents.set(row.patient_id, [...(consents.get(row.patient_id) ?? []), JSON.parse(row.content) as Consent]);
  const periods = [...consents].flatMap(([patientId, theirs]) => periodsAllowing(theirs, 'doh-exchange').map((period) => ({ patientId, ...period })));
  await db.query(
    `UPDATE patient_access pa SET doh_exchange_periods = COALESCE(
       (SELECT range_agg(tstzrange(u.s, u.e)) FROM unnest($2::text[], $3::timestamptz[], $4::timestamptz[]) AS u(p, s, e) WHERE u.p = pa.patient_id),
       '{}')
     WHERE pa.patient_id = ANY($1::text[])`,
    [patientIds, periods.map((x) => x.patientId), periods.map((x) => x.start?.toISOString() ?? null), periods.map((x) => x.end?.toISOString() ?? null)],
  );
}

/**
 * Patients touched by writes of a type: those the new versions point at, and those the replaced versions
 * pointed at (a Consent corrected to name another patient no longer counts for the first). A deletion
 * carries the patients of the version it deletes.
 */
function patientsOf(writes: VersionWrite[], resourceType: string): string[] {
  return [
    ...new Set(writes.filter((w) => w.resourceType === resourceType).flatMap((w) => [...w.patientIds, ...(w.replacedPatientIds ?? [])])),
  ];
}

async function ensureRows(db: Queryable, patientIds: string[]): Promise<void> {
  await db.query(
    `INSERT INTO patient_access (patient_id) SELECT unnest($1::text[]) ON CONFLICT (patient_id) DO NOTHING`,
    [patientIds],
  );
}

function siteOf(patient: Patient): string | null {
  const ext = patient.extension?.find((e) => e.url === REGISTRATION_SITE_URL);
  return localId(ext?.valueReference?.reference, 'Location');
}

function localId(reference: string | undefined, type: string): string | null {
  const m = reference ? new RegExp(`^${type}/([A-Za-z0-9\\-.]{1,64})$`).exec(reference) : null;
  return m ? m[1] : null;
}
