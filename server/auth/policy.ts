import type { Principal, StaffPrincipal, StaffRole, SystemPrincipal } from './principal.js';
import { parseScopes, scopesAllow, type ResourceScope } from './smart-scopes.js';

/**
 * Who may see and do what: the one place the rules live. The README's access table is this table.
 * Pure: the store turns a decision into SQL (`server/store/access-sql.ts`), the router asks `mayDo`.
 */

export type Interaction = 'read' | 'search' | 'create' | 'update' | 'delete' | 'history';
const writes: ReadonlySet<Interaction> = new Set(['create', 'update', 'delete']);

/** How resource types are grouped for access. */
export type ResourceCategory = 'clinical' | 'directory' | 'definition' | 'audit' | 'report' | 'system';

const directory = new Set(['Organization', 'Location', 'Practitioner', 'PractitionerRole', 'HealthcareService', 'Endpoint']);
const definition = new Set([
  'Questionnaire', 'StructureDefinition', 'ValueSet', 'CodeSystem', 'ConceptMap', 'SearchParameter', 'Measure',
  'ActivityDefinition', 'PlanDefinition', 'OperationDefinition', 'Library', 'NamingSystem', 'CapabilityStatement',
  'CompartmentDefinition', 'ImplementationGuide', 'StructureMap', 'GraphDefinition', 'MessageDefinition',
]);

const systemTypes = new Set(['Binary', 'Subscription', 'Parameters']);

export function categoryOf(resourceType: string): ResourceCategory {
  if (resourceType === 'AuditEvent') return 'audit';
  if (resourceType === 'MeasureReport') return 'report';
  if (directory.has(resourceType)) return 'directory';
  if (definition.has(resourceType)) return 'definition';
  if (systemTypes.has(resourceType)) return 'system';
  return 'clinical';
}

/** The types of a non-clinical category (clinical is every other type). */
export function typesInCategory(category: Exclude<ResourceCategory, 'clinical'>): string[] {
  const sets: Record<typeof category, ReadonlySet<string>> = {
    audit: new Set(['AuditEvent']),
    report: new Set(['MeasureReport']),
    directory,
    definition,
    system: systemTypes,
  };
  return [...sets[category]];
}

/** Which patients' clinical records a role reaches (always within its own organisation, plus grants). */
export type PatientReach =
  /** patients whose case they manage, or with no case manager yet at their sites */
  | 'assigned-or-unassigned-at-sites'
  /** every patient at their sites */
  | 'sites'
  | 'none';

export interface RolePolicy {
  patients: PatientReach;
  /** may write clinical resources of the patients they reach */
  clinicalWrite: boolean;
  /** sees resources labelled PSY (psychiatric notes, counselling notes, diagnoses) */
  psy: boolean;
  /**
   * also reaches what a referral or transfer Task they own refers to them, while it is open (referral_access),
   * and records the consultation under it (referralConsultation)
   */
  referredToThem: boolean;
  /** may open a patient outside their reach by giving a reason (break-glass, 4 hours) */
  breakGlass: boolean;
  /** writes directory and definition resources (users, organisations, sites, forms) */
  administers: boolean;
  audit: 'none' | 'own-organization' | 'all';
  reports: 'none' | 'read';
  /**
   * What they may count in indicators ($evaluate-measure), without reading a record: the patients of their
   * sites (within the organisation, published as counted), or the programme (their organisation and its
   * implementing partners, small counts suppressed, as for anything that leaves the organisation).
   */
  aggregates: 'none' | 'sites' | 'programme';
}

export const rolePolicies: Readonly<Record<StaffRole, RolePolicy>> = {
  caseworker: {
    patients: 'assigned-or-unassigned-at-sites',
    clinicalWrite: true,
    psy: false,
    referredToThem: true,
    breakGlass: false,
    administers: false,
    audit: 'none',
    reports: 'none',
    aggregates: 'none',
  },
  psychologist: {
    patients: 'sites',
    clinicalWrite: true,
    psy: true,
    referredToThem: true,
    breakGlass: true,
    administers: false,
    audit: 'none',
    reports: 'none',
    aggregates: 'none',
  },
  psychiatrist: {
    patients: 'sites',
    clinicalWrite: true,
    psy: true,
    referredToThem: true,
    breakGlass: true,
    administers: false,
    audit: 'none',
    reports: 'none',
    aggregates: 'none',
  },
  supervisor: {
    patients: 'sites',
    clinicalWrite: true,
    psy: true,
    referredToThem: true,
    breakGlass: true,
    administers: false,
    audit: 'own-organization',
    reports: 'read',
    aggregates: 'sites',
  },
  reporter: {
    patients: 'none',
    clinicalWrite: false,
    psy: false,
    referredToThem: false,
    breakGlass: false,
    administers: false,
    audit: 'none',
    reports: 'read',
    aggregates: 'programme',
  },
  admin: {
    patients: 'none',
    clinicalWrite: false,
    psy: false,
    referredToThem: false,
    breakGlass: false,
    administers: true,
    audit: 'all',
    reports: 'read',
    aggregates: 'none',
  },
};

/**
 * What the recipient of a referral records for its patient while working on it (the Task accepted or in
 * progress): the consultation (Encounter, its notes included) and the diagnosis (Condition), and nothing
 * else, even when the patient is otherwise beyond their reach (another site or organisation). What they
 * record stays theirs to read exactly as long as the rest of the referral (server/clinical/referral-access.ts).
 */
export const referralConsultation = {
  resourceTypes: ['Encounter', 'Condition'],
  taskStatuses: ['accepted', 'in-progress'],
} as const satisfies { resourceTypes: readonly string[]; taskStatuses: readonly string[] };

/** May this principal record a resource of this type under a referral made to them? */
export function recordsUnderReferral(principal: Principal, resourceType: string): principal is StaffPrincipal {
  if (principal.kind !== 'staff') return false;
  const role = rolePolicies[principal.role];
  return role.referredToThem && role.clinicalWrite && (referralConsultation.resourceTypes as readonly string[]).includes(resourceType);
}

/** Types nobody writes through the API, whoever they are: the audit trail, written by the server itself. */
export function writtenByServerOnly(resourceType: string): boolean {
  return categoryOf(resourceType) === 'audit';
}

/**
 * May this principal attempt this interaction on this type at all? Row-level reach (which patients,
 * which organisation, PSY) is decided in SQL; this answers the type-level question, e.g. a reporter
 * reading Patient, or anyone writing an AuditEvent.
 */
export function mayDo(principal: Principal, resourceType: string, interaction: Interaction): boolean {
  const category = categoryOf(resourceType);
  if (principal.kind === 'internal') return true;
  if (writtenByServerOnly(resourceType) && writes.has(interaction)) return false;
  if (principal.kind === 'system') return systemMayDo(principal, resourceType, interaction);
  const role = rolePolicies[principal.role];
  switch (category) {
    case 'clinical':
      return role.patients !== 'none' && (!writes.has(interaction) || role.clinicalWrite);
    case 'directory':
    case 'definition':
      return !writes.has(interaction) || role.administers;
    case 'audit':
      return role.audit !== 'none';
    case 'report':
      return role.reports === 'read' && !writes.has(interaction);
    case 'system':
      return role.administers;
  }
}

function systemMayDo(principal: SystemPrincipal, resourceType: string, interaction: Interaction): boolean {
  const category = categoryOf(resourceType);
  if (category === 'audit' || category === 'system') return false;
  return scopesAllow(systemScopes(principal), resourceType, interaction === 'history' ? 'read' : interaction);
}

/** The unrestricted `system/` scopes of a client; a scope narrowed by a query is never widened into more. */
function systemScopes(principal: SystemPrincipal): ResourceScope[] {
  return parseScopes(principal.scopes).filter((s) => s.context === 'system' && s.query === undefined);
}

/** The resource types a client's scopes reach, or '*' for all. */
export function scopedTypes(principal: SystemPrincipal): '*' | string[] {
  const scopes = systemScopes(principal);
  if (scopes.some((s) => s.resourceType === '*')) return '*';
  return [...new Set(scopes.map((s) => s.resourceType))];
}

/** Does this principal see PSY-labelled content? */
export function seesPsy(principal: Principal): boolean {
  if (principal.kind === 'internal') return true;
  if (principal.kind === 'system') return principal.fullAccess === true;
  return rolePolicies[principal.role].psy;
}

/**
 * Whose records an indicator may count for this caller, and whether its small counts must be suppressed.
 * Counting reads no record: the answer is a table of counts. A Directorate of Health (a system client
 * allowed to read MeasureReport) counts across every organisation, suppressed; a data-migration client
 * counts nothing.
 */
export type AggregateScope =
  | { kind: 'none' }
  | { kind: 'sites'; organizationId: string; siteIds: string[]; suppressed: false }
  | { kind: 'programme'; organizationId: string; suppressed: true }
  | { kind: 'all'; suppressed: true };

export function aggregateScope(principal: Principal): AggregateScope {
  if (principal.kind === 'internal') return { kind: 'all', suppressed: true };
  if (principal.kind === 'system') {
    return !principal.fullAccess && mayDo(principal, 'MeasureReport', 'read') ? { kind: 'all', suppressed: true } : { kind: 'none' };
  }
  switch (rolePolicies[principal.role].aggregates) {
    case 'none':
      return { kind: 'none' };
    case 'sites':
      return { kind: 'sites', organizationId: principal.organizationId, siteIds: principal.siteIds, suppressed: false };
    case 'programme':
      return { kind: 'programme', organizationId: principal.organizationId, suppressed: true };
  }
}
