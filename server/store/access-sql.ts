import { categoryOf, rolePolicies, scopedTypes, seesPsy, typesInCategory, type ResourceCategory } from '../auth/policy.js';
import type { Principal, StaffPrincipal, SystemPrincipal } from '../auth/principal.js';
import type { ScopeRule } from './search-filters.js';
import type { SqlParams } from './sql.js';

/**
 * The caller's access rule as SQL, added to every query that reads resources (search, read, history,
 * includes, counts, chained targets, exports), so that hidden rows never reach paging, totals or includes.
 * `alias` names the `resource` row being tested; `resourceType` is '*' when the row's type varies.
 */
export function scopeRuleFor(principal: Principal, clock: () => Date = () => new Date()): ScopeRule {
  if (principal.kind === 'internal') return () => undefined;
  return (resourceType, alias, params) => {
    if (resourceType !== '*') {
      // A system client sees only the types its scopes name, also where a query names the type itself
      // (an _revinclude or a chain into a type the client has no scope for).
      if (principal.kind === 'system' && !typeInScopes(principal, resourceType)) return 'FALSE';
      return categoryRule(principal, categoryOf(resourceType), alias, params, clock);
    }
    // A row of any type (includes, system history): decide by its type in SQL.
    const branch = (c: ResourceCategory) => categoryRule(principal, c, alias, params, clock) ?? 'TRUE';
    const when = (c: Exclude<ResourceCategory, 'clinical'>) =>
      ` WHEN ${alias}.resource_type = ANY(${params.add(typesInCategory(c), 'text[]')}) THEN ${branch(c)}`;
    const byCategory =
      `(CASE${when('audit')}${when('report')}${when('directory')}${when('definition')}${when('system')}` +
      ` ELSE ${branch('clinical')} END)`;
    // A system client sees only the types its scopes name.
    const types = principal.kind === 'system' ? scopedTypes(principal) : '*';
    return types === '*' ? byCategory : `(${alias}.resource_type = ANY(${params.add(types, 'text[]')}) AND ${byCategory})`;
  };
}

function typeInScopes(principal: SystemPrincipal, resourceType: string): boolean {
  const types = scopedTypes(principal);
  return types === '*' || types.includes(resourceType);
}

function categoryRule(
  principal: StaffPrincipal | SystemPrincipal,
  category: ResourceCategory,
  alias: string,
  params: SqlParams,
  clock: () => Date,
): string | undefined {
  if (principal.kind === 'system') return systemRule(principal, category, alias, params, clock);
  const role = rolePolicies[principal.role];
  const org = () => params.add(principal.organizationId);
  switch (category) {
    case 'directory':
    case 'definition':
      return undefined; // reference data: every member of staff reads it
    case 'system':
      return role.administers ? undefined : 'FALSE';
    case 'audit':
      return role.audit === 'all' ? undefined : role.audit === 'own-organization' ? `${alias}.organization_id = ${org()}` : 'FALSE';
    case 'report':
      return role.reports === 'read' ? `${alias}.organization_id = ${org()}` : 'FALSE';
    case 'clinical': {
      if (role.patients === 'none') return 'FALSE';
      const psy = seesPsy(principal) ? '' : ` AND NOT ('PSY' = ANY(${alias}.security))`;
      const referred = role.referredToThem ? ` OR ${referredToThem(principal, alias, params, clock)}` : '';
      return (
        `((${alias}.patient_ids <> '{}' AND (${patientReach(principal, `${alias}.patient_ids`, params, clock)}${referred}))` +
        ` OR (${alias}.patient_ids = '{}' AND ${alias}.organization_id = ${org()}))${psy}`
      );
    }
  }
}

/** Does the staff member reach any of these patients: own organisation and sites, a grant, or break-glass. */
function patientReach(principal: StaffPrincipal, patientIds: string, params: SqlParams, clock: () => Date): string {
  const role = rolePolicies[principal.role];
  // The server's clock, not the database's now(): expiries are set from it (grants, break-glass), so they
  // end when the server says, on every database and under a test's pinned clock.
  let nowParam: string | undefined;
  const now = (): string => (nowParam ??= params.add(clock().toISOString(), 'timestamptz'));
  const org = params.add(principal.organizationId);
  const sites = params.add(principal.siteIds, 'text[]');
  const me = params.add(principal.practitionerId);
  const atSites =
    role.patients === 'sites'
      ? `pa.site_id = ANY(${sites})`
      : `(${me} = ANY(pa.care_managers) OR (pa.care_managers = '{}' AND pa.site_id = ANY(${sites})))`;
  const own = `EXISTS (SELECT 1 FROM patient_access pa WHERE pa.patient_id = ANY(${patientIds}) AND pa.organization_id = ${org} AND ${atSites})`;
  const granted =
    `EXISTS (SELECT 1 FROM access_grant g WHERE g.patient_id = ANY(${patientIds})` +
    ` AND (g.organization_id = ${org} OR g.practitioner_id = ${me}) AND g.revoked_at IS NULL AND g.expires_at > ${now()}` +
    ` AND (g.consent_id IS NULL OR EXISTS (SELECT 1 FROM sp_token c WHERE c.resource_type = 'Consent'` +
    ` AND c.resource_id = g.consent_id AND c.param = 'status' AND c.code = 'active')))`;
  const glass = role.breakGlass
    ? ` OR EXISTS (SELECT 1 FROM break_glass b WHERE b.patient_id = ANY(${patientIds}) AND b.user_id = ${params.add(principal.userId)} AND b.expires_at > ${now()})`
    : '';
  return `(${own} OR ${granted}${glass})`;
}

/**
 * A record referred to the staff member (or to their organisation) by a referral or transfer Task they
 * received: the Task itself, and while it is open and the patient's consent holds, what it refers (see
 * server/clinical/referral-access.ts). Row by row, not the whole patient.
 */
function referredToThem(principal: StaffPrincipal, alias: string, params: SqlParams, clock: () => Date): string {
  return (
    `EXISTS (SELECT 1 FROM referral_access ra WHERE ra.resource_id = ${alias}.id AND ra.resource_type = ${alias}.resource_type` +
    ` AND (ra.practitioner_id = ${params.add(principal.practitionerId)} OR ra.organization_id = ${params.add(principal.organizationId)})` +
    ` AND (ra.expires_at IS NULL OR ra.expires_at > ${params.add(clock().toISOString(), 'timestamptz')}))`
  );
}

/**
 * A Directorate of Health: only records whose every patient's Consents allow the exchange at the time of the
 * request (a Group or an Observation naming someone who did not consent is not theirs), and never PSY
 * content. A data-migration client: every record but the audit trail.
 */
function systemRule(principal: SystemPrincipal, category: ResourceCategory, alias: string, params: SqlParams, clock: () => Date): string | undefined {
  if (principal.fullAccess) return category === 'audit' || category === 'system' ? 'FALSE' : undefined;
  switch (category) {
    case 'directory':
    case 'definition':
      return undefined;
    case 'report':
      return principal.organizationId ? `${alias}.organization_id = ${params.add(principal.organizationId)}` : 'FALSE';
    case 'audit':
    case 'system':
      return 'FALSE';
    case 'clinical': {
      // The server's clock, as for grants: a consent's period ends when the server says (see patientReach).
      const now = params.add(clock().toISOString(), 'timestamptz');
      return (
        `(${alias}.patient_ids <> '{}' AND NOT ('PSY' = ANY(${alias}.security))` +
        ` AND NOT EXISTS (SELECT 1 FROM unnest(${alias}.patient_ids) AS named(patient_id) WHERE NOT EXISTS (` +
        `SELECT 1 FROM patient_access pa WHERE pa.patient_id = named.patient_id AND pa.doh_exchange_periods @> ${now})))`
      );
    }
  }
}
