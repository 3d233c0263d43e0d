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
  return [...tableWrites(p, writes, serviceFacts), ...tableWrites(p, writes, beneficiaryFacts)];
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

/** One narrow fact table: the resources it follows, its key column, its columns, and a version's row. */
interface FactTable {
  table: string;
  resourceType: string;
  key: string;
  /** column name and SQL type; the key column first */
  columns: readonly (readonly [string, string])[];
  /** the values of this current version's row, column by column; undefined when it has none */
  rowOf(w: StoredVersion): (string | null)[] | undefined;
}

const serviceFacts: FactTable = {
  table: 'service_fact',
  resourceType: 'Encounter',
  key: 'encounter_id',
  columns: [
    ['encounter_id', 'text'],
    ['patient_id', 'text'],
    ['at', 'timestamptz'],
    ['service_type', 'text'],
    ['site_id', 'text'],
    ['provider_organization_id', 'text'],
    ['recorder_organization_id', 'text'],
  ],
  rowOf(w) {
    const f = serviceFactOf(w);
    return f && [f.encounterId, f.patientId, f.at, f.serviceType, f.siteId, f.providerOrganizationId, f.recorderOrganizationId];
  },
};

const beneficiaryFacts: FactTable = {
  table: 'beneficiary_fact',
  resourceType: 'Patient',
  key: 'patient_id',
  columns: ['patient_id', 'gender', 'birth_date', 'marital_status', 'population_group', 'disability', 'governorate'].map((name) => [name, 'text'] as const),
  rowOf(w) {
    const f = w.beneficiary;
    if (w.deleted || f === undefined) return undefined;
    return [w.id, ...[f.gender, f.birthDate, f.maritalStatus, f.populationGroup, f.disability, f.governorate].map((v) => v ?? null)];
  },
};

function tableWrites(p: SqlParams, writes: readonly StoredVersion[], t: FactTable): string[] {
  const mine = writes.filter((w) => w.resourceType === t.resourceType);
  if (mine.length === 0) return [];
  const ctes: string[] = [];
  const replaced = mine.filter((w) => w.versionId > 1).map((w) => w.id);
  if (replaced.length > 0) ctes.push(`del_${t.table} AS (DELETE FROM ${t.table} WHERE ${t.key} = ANY(${p.add(replaced, 'text[]')}))`);
  const rows = mine.map((w) => t.rowOf(w)).filter((row) => row !== undefined);
  if (rows.length > 0) {
    const arrays = t.columns.map(([, type], i) => p.add(rows.map((row) => row[i]), `${type}[]`));
    ctes.push(`ins_${t.table} AS (INSERT INTO ${t.table} (${t.columns.map(([name]) => name).join(', ')}) SELECT * FROM unnest(${arrays.join(', ')}))`);
  }
  return ctes;
}
