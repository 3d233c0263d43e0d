import { getSearchParameter } from '../fhir/definitions.js';
import { badRequest } from '../fhir/outcomes.js';
import type { IncludeRule, ParamCondition, ReferenceValue, SearchFilter, SearchRequest, SortRule, TokenValue } from '../fhir/search/request.js';
import { anyOf, dateCondition, type ScopeRule } from './search-filters.js';
import type { SearchSource, SortKey } from './search-source.js';
import type { SqlParams } from './sql.js';

/**
 * Search of the audit trail, which lives in its own table (`audit_event`, migration 010) with a column per
 * search it serves instead of the search index: date, patient, agent, entity, type, subtype, action,
 * outcome, `_id` and `_lastUpdated`, with `_sort` on date, `_lastUpdated` or `_id`, `_include` of the
 * patients, agents and entities, and `_revinclude` from the resources an event names. Anything else is a
 * 400 naming the parameter: the trail is not indexed for it.
 */
export const AUDIT_EVENT = 'AuditEvent';

/** Reference parameters and the column that holds their targets as `Type/id` (patient: ids of Patients). */
const referenceColumns: Record<string, string> = { patient: 'patient_ids', agent: 'agents', entity: 'entities' };
/** Token parameters and their columns; null: a `code` element, indexed without a system. */
const tokenColumns: Record<string, { system: string | null; code: string }> = {
  type: { system: 'type_system', code: 'type_code' },
  subtype: { system: 'subtype_system', code: 'subtype_code' },
  action: { system: null, code: 'action' },
  outcome: { system: null, code: 'outcome' },
};

const unsupported = (what: string, name: string): never => {
  throw badRequest(`${what} is not supported on the audit trail (AuditEvent searches by date, patient, agent, entity, type, subtype, action, outcome, _id, _lastUpdated)`, name);
};

export const auditSource: SearchSource = {
  from: 'audit_event r',
  columns: `'AuditEvent'::text AS resource_type, r.id, r.content, r.patient_ids`,
  where(request: SearchRequest, params: SqlParams, scope: ScopeRule): string {
    const conditions = request.filters.map((f) => auditFilterSql(f, 'r', params));
    const rule = scope(AUDIT_EVENT, 'r', params);
    if (rule) conditions.push(rule);
    return conditions.length > 0 ? conditions.join(' AND ') : 'TRUE';
  },
  sortKey(rule: SortRule): SortKey {
    const { descending } = rule;
    if (rule.indexType === 'id') return { expr: 'r.id', cast: 'text', descending, column: true };
    if (rule.indexType === 'lastUpdated') return { expr: 'r.last_updated', cast: 'timestamptz', descending, column: true };
    if (rule.code === 'date') return { expr: 'r.recorded', cast: 'timestamptz', descending, column: true };
    return unsupported(`_sort=${rule.code}`, '_sort');
  },
  driver: () => undefined,
};

function auditFilterSql(filter: SearchFilter, alias: string, params: SqlParams): string {
  switch (filter.kind) {
    case 'id':
      return `${alias}.id = ANY(${params.add(filter.values, 'text[]')})`;
    case 'lastUpdated':
      return anyOf(filter.values.map((v) => dateCondition(`${alias}.last_updated`, `(${alias}.last_updated + interval '1 millisecond')`, v, params)));
    case 'missing': {
      const column = referenceColumns[filter.code];
      if (!column) return unsupported(`${filter.code}:missing`, `${filter.code}:missing`);
      return `${alias}.${column} ${filter.missing ? '=' : '<>'} '{}'`;
    }
    case 'chain':
      return unsupported(`Chaining (${filter.code}.…)`, filter.code);
    case 'param':
      return paramSql(filter.code, filter.condition, alias, params);
  }
}

function paramSql(code: string, c: ParamCondition, alias: string, params: SqlParams): string {
  if (code === 'date' && c.type === 'date') {
    // `recorded` is an instant: the range it covers is its millisecond, as the index had it
    return anyOf(c.values.map((v) => dateCondition(`${alias}.recorded`, `(${alias}.recorded + interval '1 millisecond')`, v, params)));
  }
  if (c.type === 'reference' && referenceColumns[code]) return referenceCondition(code, c.values, alias, params);
  const token = tokenColumns[code];
  if (token && c.type === 'token' && c.modifier !== 'text') {
    const any = anyOf(c.values.map((v) => tokenCondition(token, v, alias, params)));
    return c.modifier === 'not' ? `NOT ${any}` : any;
  }
  return unsupported(`The parameter '${code}'${'modifier' in c && c.modifier ? ` with :${c.modifier}` : ''}`, code);
}

function tokenCondition(columns: { system: string | null; code: string }, v: TokenValue, alias: string, params: SqlParams): string {
  const parts: string[] = [];
  if (v.system !== undefined) {
    // A `code` element has no system in the trail, as it had none in the index: `|code` matches, `x|code` not.
    if (columns.system === null) parts.push(v.system === null ? 'TRUE' : 'FALSE');
    else parts.push(v.system === null ? 'FALSE' : `${alias}.${columns.system} = ${params.add(v.system)}`);
  }
  if (v.code !== undefined) parts.push(`${alias}.${columns.code} = ${params.add(v.code)}`);
  return parts.length > 0 ? `(${parts.join(' AND ')})` : 'TRUE';
}

/**
 * The events whose `code` column names any of the references, through its GIN index. A reference without
 * a type (`entity=123`) matches that id as any type the parameter may point at, as the index did.
 */
function referenceCondition(code: string, values: ReferenceValue[], alias: string, params: SqlParams): string {
  const column = referenceColumns[code];
  const targets = getSearchParameter(AUDIT_EVENT, code)?.targets ?? [];
  const wanted = values.flatMap((v) => {
    if (v.id === undefined) return []; // an absolute URL: the trail only names local resources
    const types = v.targetType ? [v.targetType] : targets;
    if (code === 'patient') return types.includes('Patient') ? [v.id] : [];
    return types.map((t) => `${t}/${v.id}`);
  });
  return wanted.length > 0 ? `${alias}.${column} && ${params.add(wanted, 'text[]')}` : 'FALSE';
}

/** The references of events `ids` that an `_include=AuditEvent:param` follows, as (target_type, target_id) rows. */
export function auditIncludeTargets(rule: IncludeRule, ids: string[], params: SqlParams): string {
  const refs =
    rule.param === '*'
      ? `x.agents || x.entities`
      : rule.param === 'patient'
        ? `ARRAY(SELECT 'Patient/' || p FROM unnest(x.patient_ids) p)`
        : referenceColumns[rule.param]
          ? `x.${referenceColumns[rule.param]}`
          : unsupported(`_include=AuditEvent:${rule.param}`, '_include');
  const typed = rule.targetType ? ` AND split_part(ref, '/', 1) = ${params.add(rule.targetType)}` : '';
  return (
    `SELECT split_part(ref, '/', 1), split_part(ref, '/', 2) FROM audit_event x CROSS JOIN LATERAL unnest(${refs}) ref` +
    ` WHERE x.id = ANY(${params.add(ids, 'text[]')})${typed}`
  );
}

/** The events (as result rows) that name any of `ids` of `targetType` through `rule.param`: `_revinclude=AuditEvent:…`. */
export function auditReferrers(rule: IncludeRule, targetType: string, ids: string[], params: SqlParams, scope: ScopeRule): string {
  const codes = rule.param === '*' ? ['agent', 'entity'] : [rule.param];
  if (!codes.every((c) => referenceColumns[c])) unsupported(`_revinclude=AuditEvent:${rule.param}`, '_revinclude');
  const values = ids.map((id) => ({ targetType, id }));
  const named = anyOf(codes.map((c) => referenceCondition(c, values, 't', params)));
  const rule2 = scope(AUDIT_EVENT, 't', params);
  return `SELECT 'AuditEvent'::text AS resource_type, t.id, t.content, t.patient_ids FROM audit_event t WHERE ${named}${rule2 ? ` AND ${rule2}` : ''}`;
}
