import type { Task } from '@medplum/fhirtypes';
import type { AggregateScope } from '../auth/policy.js';
import { isReferralTask } from '../clinical/referral-task-machine.js';
import type { BeneficiaryFacts, CaseFacts, DueTaskFacts, ReferralFacts, ReportPeriod, ScoreFacts, ServiceFacts } from '../reports/report-facts.js';
import type { Queryable } from './database.js';
import { SqlParams } from './sql.js';

/**
 * The stored JSON of resource `r` as `c`, parsed once per row: without `OFFSET 0` the planner inlines the
 * cast into every use of `c`, and a Patient read for six facts was parsed eight times.
 */
const CONTENT_AS_C = 'CROSS JOIN LATERAL (SELECT r.content::jsonb AS c OFFSET 0) x';

/** An instant as the ISO text the facts carry, made by PostgreSQL: a year of services is 10⁵ dates. */
const isoInstant = (column: string): string => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** What an evaluation counts: the caller's aggregate scope, narrowed to one organisation or site when asked. */
export interface FactScope {
  scope: Exclude<AggregateScope, { kind: 'none' }>;
  /** organisations counted (the caller's programme, or the one asked for); undefined = every organisation */
  organizations?: string[];
  /** services delivered at this site only (subject=Location) */
  serviceSite?: string;
}

/**
 * The patient-reach condition of a fact query: `pa` is the patient_access row of the patient the fact is
 * about. Counting reads no record, so PSY-labelled services count like any other.
 */
function patientReach(fs: FactScope, p: SqlParams, pa = 'pa'): string {
  const parts: string[] = [];
  if (fs.organizations !== undefined) parts.push(`${pa}.organization_id = ANY(${p.add(fs.organizations, 'text[]')})`);
  if (fs.scope.kind === 'sites') parts.push(`${pa}.site_id = ANY(${p.add(fs.scope.siteIds, 'text[]')})`);
  return parts.length === 0 ? 'TRUE' : parts.join(' AND ');
}

/** Organisations and their implementing partners (Organization.partOf), from the directory. */
export async function readOrganizations(db: Queryable): Promise<{ id: string; name?: string; partOf?: string }[]> {
  const { rows } = await db.query<{ id: string; name: string | null; part_of: string | null }>(
    `SELECT r.id, r.content::jsonb->>'name' AS name, substring(r.content::jsonb#>>'{partOf,reference}' FROM '^Organization/(.+)$') AS part_of
       FROM resource r WHERE r.resource_type = 'Organization' AND NOT r.deleted`,
  );
  return rows.map((r) => ({ id: r.id, ...(r.name === null ? {} : { name: r.name }), ...(r.part_of === null ? {} : { partOf: r.part_of }) }));
}

/** Whether a current Location has this id (a report asked for one site must name a site that exists). */
export async function locationExists(db: Queryable, id: string): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM resource r WHERE r.resource_type = 'Location' AND r.id = $1 AND NOT r.deleted`, [id]);
  return rows.length > 0;
}

/** Names of Locations and Practitioners, for stratum labels. */
export async function readNames(db: Queryable, refs: { type: 'Location' | 'Practitioner'; ids: string[] }[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const { type, ids } of refs) {
    if (ids.length === 0) continue;
    const name = type === 'Location' ? `c->>'name'` : `coalesce(c#>>'{name,0,text}', concat_ws(' ', c#>>'{name,0,given,0}', c#>>'{name,0,family}'))`;
    const { rows } = await db.query<{ id: string; name: string | null }>(
      `SELECT r.id, ${name} AS name FROM resource r ${CONTENT_AS_C}
        WHERE r.resource_type = $1 AND r.id = ANY($2::text[]) AND NOT r.deleted`,
      [type, ids],
    );
    for (const r of rows) if (r.name) names.set(r.id, r.name);
  }
  return names;
}

/**
 * Encounters of Hiwa services whose period starts in the period: attendances of patients in reach, and
 * meetings (no patient) recorded by an organisation in reach. Read from `service_fact`, one narrow row per
 * service, not from the resources' JSON.
 */
export async function readServices(db: Queryable, period: ReportPeriod, fs: FactScope): Promise<ServiceFacts[]> {
  const p = new SqlParams();
  const inPeriod = servicesInPeriod(period, fs, p);
  // A meeting belongs to no patient: it is in reach through the organisation that delivered it.
  const provider = 'coalesce(f.provider_organization_id, f.recorder_organization_id)';
  const meetingOrgs = fs.organizations === undefined ? 'TRUE' : `${provider} = ANY(${p.add(fs.organizations, 'text[]')})`;
  const meetingSites = fs.scope.kind === 'sites' ? ` AND f.site_id = ANY(${p.add(fs.scope.siteIds, 'text[]')})` : '';
  const { rows } = await db.query<{ patient: string | null; at: string; service: string; site: string | null; provider: string | null }>(
    `SELECT f.patient_id AS patient, ${isoInstant('f.at')} AS at, f.service_type AS service, f.site_id AS site, ${provider} AS provider
       FROM service_fact f
       LEFT JOIN patient_access pa ON pa.patient_id = f.patient_id
      WHERE ${inPeriod}
        AND CASE WHEN f.patient_id IS NULL THEN ${meetingOrgs}${meetingSites} ELSE pa.patient_id IS NOT NULL AND ${patientReach(fs, p)} END`,
    p.values,
  );
  return rows.map((r) => {
    const fact: ServiceFacts = { date: r.at, serviceType: r.service };
    if (r.patient !== null) fact.patientId = r.patient;
    if (r.site !== null) fact.site = r.site;
    if (r.provider !== null) fact.providerOrganization = r.provider;
    return fact;
  });
}

/** The services `f` of the period (and of the site asked for): the rows readServices reads. */
function servicesInPeriod(period: ReportPeriod, fs: FactScope, p: SqlParams): string {
  const range = `f.at >= ${p.add(period.start, 'timestamptz')} AND f.at < ${p.add(period.end, 'timestamptz')}`;
  return fs.serviceSite === undefined ? range : `${range} AND f.site_id = ${p.add(fs.serviceSite)}`;
}

/**
 * The people readServices finds served in the period: what reports disaggregate each by, and which of them
 * had a Hiwa service of these types before the period, whoever delivered it — the others are new in it, their
 * first service ever falls in the period.
 */
export async function readPeopleServed(
  db: Queryable,
  period: ReportPeriod,
  fs: FactScope,
  beneficiaryServices: string[],
): Promise<{ servedBefore: Set<string>; beneficiaries: Map<string, BeneficiaryFacts> }> {
  const p = new SqlParams();
  const { rows } = await db.query<BeneficiaryRow & { before: boolean }>(
    `SELECT s.patient_id AS id, ${BENEFICIARY_COLUMNS}, s.site_id AS site,
            EXISTS (SELECT 1 FROM service_fact e WHERE e.patient_id = s.patient_id AND e.at < ${p.add(period.start, 'timestamptz')}
              AND e.service_type = ANY(${p.add(beneficiaryServices, 'text[]')})) AS before
       FROM (SELECT DISTINCT f.patient_id, pa.site_id FROM service_fact f JOIN patient_access pa ON pa.patient_id = f.patient_id
              WHERE ${servicesInPeriod(period, fs, p)} AND ${patientReach(fs, p)}) s
       LEFT JOIN beneficiary_fact b ON b.patient_id = s.patient_id`,
    p.values,
  );
  return {
    servedBefore: new Set(rows.filter((r) => r.before).map((r) => r.id as string)),
    beneficiaries: new Map(rows.map((r) => [r.id as string, beneficiaryOf(r)])),
  };
}

/** What reports disaggregate beneficiaries by, for these patients (`beneficiary_fact`, and the site of access). */
export async function readBeneficiaries(db: Queryable, patientIds: string[]): Promise<Map<string, BeneficiaryFacts>> {
  if (patientIds.length === 0) return new Map();
  const { rows } = await db.query<BeneficiaryRow>(
    `SELECT b.patient_id AS id, ${BENEFICIARY_COLUMNS}, pa.site_id AS site
       FROM beneficiary_fact b LEFT JOIN patient_access pa ON pa.patient_id = b.patient_id
      WHERE b.patient_id = ANY($1::text[])`,
    [patientIds],
  );
  return new Map(rows.map((r) => [r.id as string, beneficiaryOf(r)]));
}

const BENEFICIARY_COLUMNS =
  'b.gender, b.birth_date AS birth, b.marital_status AS marital, b.population_group AS population, b.disability, b.governorate';

type BeneficiaryRow = Record<'id' | 'gender' | 'birth' | 'marital' | 'population' | 'disability' | 'governorate' | 'site', string | null>;

function beneficiaryOf(r: BeneficiaryRow): BeneficiaryFacts {
  const out: BeneficiaryFacts = { id: r.id as string };
  if (r.gender) out.gender = r.gender;
  if (r.birth) out.birthDate = r.birth;
  if (r.marital) out.maritalStatus = r.marital;
  if (r.population) out.populationGroup = r.population;
  if (r.disability) out.disability = r.disability;
  if (r.governorate) out.governorate = r.governorate;
  if (r.site) out.site = r.site;
  return out;
}

/** Score Observations of these codes, of patients in reach, effective before the end of the period. */
export async function readScores(db: Queryable, end: string, codes: { system: string; code: string }[], fs: FactScope): Promise<ScoreFacts[]> {
  const p = new SqlParams();
  const systems = p.add(codes.map((c) => c.system), 'text[]');
  const values = p.add(codes.map((c) => c.code), 'text[]');
  const { rows } = await db.query<{ patient: string; system: string; code: string; value: string | null; at: string | null; bands: string[] | null }>(
    `SELECT s.target_id AS patient, t.system, t.code, c->>'valueInteger' AS value, c->>'effectiveDateTime' AS at,
            ARRAY(SELECT jsonb_path_query(c, '$.interpretation[*].coding[*].code') #>> '{}') AS bands
       FROM sp_token t
       JOIN unnest(${systems}, ${values}) AS wanted(system, code) ON wanted.system = t.system AND wanted.code = t.code
       JOIN sp_reference s ON s.resource_type = 'Observation' AND s.resource_id = t.resource_id AND s.param = 'subject' AND s.target_type = 'Patient'
       JOIN patient_access pa ON pa.patient_id = s.target_id
       JOIN resource r ON r.resource_type = 'Observation' AND r.id = t.resource_id
       ${CONTENT_AS_C}
      WHERE t.resource_type = 'Observation' AND t.param = 'code' AND ${patientReach(fs, p)}
        AND c->>'status' IN ('final', 'amended', 'corrected') AND (c->>'effectiveDateTime')::timestamptz < ${p.add(end, 'timestamptz')}`,
    p.values,
  );
  return rows
    .filter((r) => r.value !== null && r.at !== null)
    .map((r) => ({ patientId: r.patient, system: r.system, code: r.code, value: Number(r.value), date: new Date(r.at as string).toISOString(), bands: r.bands ?? [] }));
}

/** Cases of patients in reach, with the first session that names each. */
export async function readCases(db: Queryable, fs: FactScope): Promise<CaseFacts[]> {
  const p = new SqlParams();
  const { rows } = await db.query<{ id: string; patient: string; status: string; manager: string | null; start: string | null; end: string | null; first: Date | null }>(
    `SELECT r.id, pa.patient_id AS patient, c->>'status' AS status,
            substring(c#>>'{careManager,reference}' FROM '^Practitioner/(.+)$') AS manager,
            c#>>'{period,start}' AS start, c#>>'{period,end}' AS "end",
            (SELECT min(d.low) FROM sp_reference e JOIN sp_date d ON d.resource_type = 'Encounter' AND d.resource_id = e.resource_id AND d.param = 'date'
              WHERE e.resource_type = 'Encounter' AND e.param = 'episode-of-care' AND e.target_id = r.id) AS first
       FROM resource r ${CONTENT_AS_C}
       JOIN patient_access pa ON pa.patient_id = r.patient_ids[1]
      WHERE r.resource_type = 'EpisodeOfCare' AND NOT r.deleted AND ${patientReach(fs, p)}`,
    p.values,
  );
  return rows.map((r) => ({
    id: r.id,
    patientId: r.patient,
    status: r.status,
    ...(r.manager === null ? {} : { careManager: r.manager }),
    ...(r.start === null ? {} : { start: new Date(r.start).toISOString() }),
    ...(r.end === null ? {} : { end: new Date(r.end).toISOString() }),
    ...(r.first === null ? {} : { firstSession: r.first.toISOString() }),
  }));
}

/**
 * Tasks of patients in reach: referrals (with when each was first accepted, rejected and completed, from
 * its versions: `lastModified` where the writer set it, else when the version was stored), and open Tasks
 * with a due date.
 */
export async function readTasks(db: Queryable, fs: FactScope): Promise<{ referrals: ReferralFacts[]; dueTasks: DueTaskFacts[] }> {
  const p = new SqlParams();
  const { rows } = await db.query<{ id: string; content: string }>(
    `SELECT r.id, r.content FROM resource r JOIN patient_access pa ON pa.patient_id = r.patient_ids[1]
      WHERE r.resource_type = 'Task' AND NOT r.deleted AND ${patientReach(fs, p)}`,
    p.values,
  );
  const tasks = rows.map((r) => JSON.parse(r.content) as Task & { id: string });
  const referrals = tasks.filter(isReferralTask);
  const moments = await statusMoments(db, referrals.map((t) => t.id));
  return {
    referrals: referrals.map((t) => {
      const seen = moments.get(t.id) ?? new Map<string, string>();
      const first = (...statuses: string[]) => statuses.map((s) => seen.get(s)).filter((v): v is string => v !== undefined).sort()[0];
      const facts: ReferralFacts = { id: t.id, status: t.status };
      if (t.authoredOn) facts.authoredOn = new Date(t.authoredOn).toISOString();
      const accepted = first('accepted', 'in-progress', 'completed');
      const rejected = first('rejected');
      const completed = first('completed');
      if (accepted) facts.acceptedAt = accepted;
      if (rejected) facts.rejectedAt = rejected;
      if (completed) facts.completedAt = completed;
      return facts;
    }),
    dueTasks: tasks
      .filter((t) => t.restriction?.period?.end !== undefined)
      .map((t) => ({ id: t.id, status: t.status, due: new Date(t.restriction?.period?.end as string).toISOString() })),
  };
}

/** For each Task, the first moment each status was stored. */
async function statusMoments(db: Queryable, taskIds: string[]): Promise<Map<string, Map<string, string>>> {
  const out = new Map<string, Map<string, string>>();
  if (taskIds.length === 0) return out;
  const { rows } = await db.query<{ id: string; status: string; at: Date }>(
    `SELECT h.id, c->>'status' AS status, min(coalesce((c->>'lastModified')::timestamptz, h.last_updated)) AS at
       FROM resource_history h CROSS JOIN LATERAL (SELECT h.content::jsonb AS c) x
      WHERE h.resource_type = 'Task' AND h.id = ANY($1::text[]) AND h.content IS NOT NULL
      GROUP BY h.id, c->>'status'`,
    [taskIds],
  );
  for (const r of rows) {
    const byStatus = out.get(r.id) ?? new Map<string, string>();
    byStatus.set(r.status, r.at.toISOString());
    out.set(r.id, byStatus);
  }
  return out;
}
