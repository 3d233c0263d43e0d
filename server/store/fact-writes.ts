import { SERVICE_TYPE_SYSTEM } from '../clinical/service-encounter.js';
import type { IndexRows } from '../fhir/search/index-rows.js';
import type { RecordedBeneficiaryFacts } from '../reports/beneficiary-facts.js';
import type { SqlParams } from './sql.js';

/** One row of `service_fact` (migration 018): an Encounter of a Hiwa service, as the indicators count it. */
export interface ServiceFactRow {
  encounterId: string;
  patientId: string | null;
  at: string;
  serviceType: string;
  siteId: string | null;
  providerOrganizationId: string | null;
  recorderOrganizationId: string | null;
}

/** What a fact is made from: one version as the store writes it (resource-writes.ts). */
export interface StoredVersion {
  resourceType: string;
  id: string;
  versionId: number;
  deleted: boolean;
  index: IndexRows | null;
  organizationId: string | null;
  /** a Patient's, worked out from the resource when it was prepared */
  beneficiary?: RecordedBeneficiaryFacts;
}

/**
 * The CTEs of a write statement that keep the narrow tables indicators read (`service_fact`,
 * `beneficiary_fact`) in step with the versions it stores: the facts of replaced versions go, the facts of
 * the new ones come (the CTEs see the same snapshot, as the search index's do).
 */
export function factWrites(p: SqlParams, writes: readonly StoredVersion[]): string[] {
  return [...serviceFactWrites(p, writes), ...beneficiaryFactWrites(p, writes)];
}

/**
 * The fact a stored Encounter version yields, read from its search-index rows (so a fact says exactly what a
 * search of the Encounter finds): none for another resource type, a deletion, an Encounter that claims no
 * Hiwa service, or one without a start.
 */
export function serviceFactOf(write: StoredVersion): ServiceFactRow | undefined {
  if (write.resourceType !== 'Encounter' || write.deleted || write.index === null) return undefined;
  const serviceType = smallest(write.index.token.filter((t) => t.param === 'service-type' && t.system === SERVICE_TYPE_SYSTEM).map((t) => t.code));
  const at = write.index.date.find((d) => d.param === 'date')?.low;
  if (serviceType === null || at === undefined || at === '-infinity') return undefined;
  const target = (param: string, type: string): string | null =>
    smallest(write.index?.reference.filter((r) => r.param === param && r.targetType === type).map((r) => r.targetId) ?? []);
  return {
    encounterId: write.id,
    patientId: target('subject', 'Patient'),
    at,
    serviceType,
    siteId: target('location', 'Location'),
    providerOrganizationId: target('service-provider', 'Organization'),
    recorderOrganizationId: write.organizationId,
  };
}

/** The first by code-point order, as SQL's min() picks it; null when there is none. */
function smallest(values: readonly (string | null)[]): string | null {
  let least: string | null = null;
  for (const v of values) if (v !== null && (least === null || v < least)) least = v;
  return least;
}

function serviceFactWrites(p: SqlParams, writes: readonly StoredVersion[]): string[] {
  const encounters = writes.filter((w) => w.resourceType === 'Encounter');
  if (encounters.length === 0) return [];
  const ctes: string[] = [];
  const replaced = encounters.filter((w) => w.versionId > 1).map((w) => w.id);
  if (replaced.length > 0) ctes.push(`del_service_fact AS (DELETE FROM service_fact WHERE encounter_id = ANY(${p.add(replaced, 'text[]')}))`);
  const facts = encounters.flatMap((w) => serviceFactOf(w) ?? []);
  if (facts.length > 0) {
    const column = <K extends keyof ServiceFactRow>(key: K, cast: string): string => p.add(facts.map((f) => f[key]), cast);
    ctes.push(
      `ins_service_fact AS (INSERT INTO service_fact (encounter_id, patient_id, at, service_type, site_id, provider_organization_id, recorder_organization_id)
        SELECT * FROM unnest(${column('encounterId', 'text[]')}, ${column('patientId', 'text[]')}, ${column('at', 'timestamptz[]')}, ${column('serviceType', 'text[]')},
          ${column('siteId', 'text[]')}, ${column('providerOrganizationId', 'text[]')}, ${column('recorderOrganizationId', 'text[]')}))`,
    );
  }
  return ctes;
}

function beneficiaryFactWrites(p: SqlParams, writes: readonly StoredVersion[]): string[] {
  const patients = writes.filter((w) => w.resourceType === 'Patient');
  if (patients.length === 0) return [];
  const ctes: string[] = [];
  const replaced = patients.filter((w) => w.versionId > 1).map((w) => w.id);
  if (replaced.length > 0) ctes.push(`del_beneficiary_fact AS (DELETE FROM beneficiary_fact WHERE patient_id = ANY(${p.add(replaced, 'text[]')}))`);
  const current = patients.filter((w) => !w.deleted && w.beneficiary !== undefined);
  if (current.length > 0) {
    const column = (pick: (f: RecordedBeneficiaryFacts) => string | undefined): string => p.add(current.map((w) => pick(w.beneficiary ?? {}) ?? null), 'text[]');
    ctes.push(
      `ins_beneficiary_fact AS (INSERT INTO beneficiary_fact (patient_id, gender, birth_date, marital_status, population_group, disability, governorate)
        SELECT * FROM unnest(${p.add(current.map((w) => w.id), 'text[]')}, ${column((f) => f.gender)}, ${column((f) => f.birthDate)}, ${column((f) => f.maritalStatus)},
          ${column((f) => f.populationGroup)}, ${column((f) => f.disability)}, ${column((f) => f.governorate)}))`,
    );
  }
  return ctes;
}
