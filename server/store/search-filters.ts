import { indexedExactValue, indexedStringValue, normalizeForSearch } from '../fhir/search/normalize.js';
import type { DateValue, IndexType, NumberValue, ParamCondition, SearchFilter, TokenValue } from '../fhir/search/request.js';
import { escapeLike, type SqlParams } from './sql.js';

/**
 * Adds the access rule for resources of a type read under `alias` (e.g. a chained target), or nothing.
 * The repository supplies it so that no path through search can reach a row the caller may not see.
 */
export type ScopeRule = (resourceType: string, alias: string, params: SqlParams) => string | undefined;

const indexTable: Record<IndexType, string> = {
  string: 'sp_string',
  token: 'sp_token',
  date: 'sp_date',
  number: 'sp_number',
  quantity: 'sp_quantity',
  reference: 'sp_reference',
  uri: 'sp_uri',
};

export function indexTableFor(type: IndexType): string {
  return indexTable[type];
}

/** SQL for one filter on resources of `resourceType` read under `alias`: a boolean expression. */
export function filterSql(
  filter: SearchFilter,
  resourceType: string,
  alias: string,
  params: SqlParams,
  scope: ScopeRule,
): string {
  switch (filter.kind) {
    case 'id':
      return `${alias}.id = ANY(${params.add(filter.values, 'text[]')})`;
    case 'lastUpdated':
      return anyOf(
        filter.values.map((v) =>
          dateCondition(`${alias}.last_updated`, `(${alias}.last_updated + interval '1 millisecond')`, v, params),
        ),
      );
    case 'missing': {
      const rows = `SELECT resource_id FROM ${indexTable[filter.indexType]} WHERE resource_type = ${params.add(resourceType)} AND param = ${params.add(filter.code)}`;
      return `${alias}.id ${filter.missing ? 'NOT IN' : 'IN'} (${rows})`;
    }
    case 'chain': {
      const targetScope = scope(filter.targetType, 't1', params);
      const inner = filterSql(filter.filter, filter.targetType, 't1', params, scope);
      const targets =
        `SELECT t1.id FROM resource t1 WHERE t1.resource_type = ${params.add(filter.targetType)} AND NOT t1.deleted` +
        ` AND ${inner}` +
        (targetScope ? ` AND ${targetScope}` : '');
      return (
        `${alias}.id IN (SELECT x.resource_id FROM sp_reference x WHERE x.resource_type = ${params.add(resourceType)}` +
        ` AND x.param = ${params.add(filter.code)} AND x.target_type = ${params.add(filter.targetType)}` +
        ` AND x.target_id IN (${targets}))`
      );
    }
    case 'param':
      return paramSql(filter.code, filter.condition, resourceType, alias, params);
  }
}

function paramSql(code: string, c: ParamCondition, resourceType: string, alias: string, params: SqlParams): string {
  const negated = c.type === 'token' && c.modifier === 'not';
  return `${alias}.id ${negated ? 'NOT IN' : 'IN'} (${matchingSql(code, c, resourceType, params)})`;
}

/**
 * The ids a string-parameter filter matches (Patient?name=…), as a subquery: a search whose only filter it is
 * can start from these ids instead of from every resource of the type. Text rarely matches more than a
 * small part of a type, which is what makes that the better start; for other filters (a gender, a date
 * range) walking the type in id order and stopping at a full page is, so they return undefined.
 */
export function stringMatchIds(filter: SearchFilter, resourceType: string, params: SqlParams): string | undefined {
  if (filter.kind !== 'param' || filter.condition.type !== 'string') return undefined;
  return matchingSql(filter.code, filter.condition, resourceType, params);
}

/** The ids whose index rows of parameter `code` meet `c` (any of its values; `:not` is the caller's to apply). */
function matchingSql(code: string, c: ParamCondition, resourceType: string, params: SqlParams): string {
  const conditions = valueConditions(c, params);
  return `SELECT resource_id FROM ${indexTable[c.type]} WHERE resource_type = ${params.add(resourceType)} AND param = ${params.add(code)} AND ${anyOf(conditions)}`;
}

function valueConditions(c: ParamCondition, params: SqlParams): string[] {
  switch (c.type) {
    case 'string':
      return c.values.map((v) => stringCondition(v, c.modifier, params));
    case 'token':
      return c.modifier === 'text'
        ? c.values.map((v) => `text LIKE ${params.add(escapeLike(normalizeForSearch(v.code ?? '')) + '%')}`)
        : tokenConditions(c.values, params);
    case 'date':
      return c.values.map((v) => dateCondition('low', 'high', v, params));
    case 'number':
      return c.values.map((v) => numberCondition(v, params));
    case 'quantity':
      return c.values.map((v) => quantityCondition(v, params));
    case 'reference':
      return c.values.map((v) => {
        if (v.url !== undefined) return `target_url = ${params.add(v.url)}`;
        const id = `target_id = ${params.add(v.id)}`;
        return v.targetType ? `(${id} AND target_type = ${params.add(v.targetType)})` : id;
      });
    case 'uri':
      return c.values.map((v) => {
        if (c.modifier === 'below') return `value LIKE ${params.add(escapeLike(v) + '%')}`;
        if (c.modifier === 'above') return `${params.add(v)} LIKE (replace(replace(replace(value, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%')`;
        return `value = ${params.add(indexedExactValue(v))}`;
      });
  }
}

function stringCondition(v: string, modifier: 'exact' | 'contains' | undefined, params: SqlParams): string {
  if (modifier === 'exact') return `exact = ${params.add(v)}`;
  const needle = escapeLike(modifier === 'contains' ? normalizeForSearch(v) : indexedStringValue(v));
  return `value LIKE ${params.add(modifier === 'contains' ? `%${needle}%` : `${needle}%`)}`;
}

/**
 * Token values as conditions, the codes of one system together: `status=requested,accepted,in-progress` is one
 * `code = ANY(…)`, an index condition, rather than an OR the planner can only filter rows with.
 */
function tokenConditions(values: readonly TokenValue[], params: SqlParams): string[] {
  const codesBySystem = new Map<string | null | undefined, string[]>();
  const conditions: string[] = [];
  for (const v of values) {
    if (v.code === undefined) conditions.push(tokenCondition(v.system, undefined, params));
    else codesBySystem.set(v.system, [...(codesBySystem.get(v.system) ?? []), indexedExactValue(v.code)]);
  }
  for (const [system, codes] of codesBySystem) {
    const code = codes.length === 1 ? `code = ${params.add(codes[0])}` : `code = ANY(${params.add(codes, 'text[]')})`;
    conditions.push(tokenCondition(system, code, params));
  }
  return conditions;
}

/** One system (absent: any; null: none) with a condition on the code, or the system alone. */
function tokenCondition(system: string | null | undefined, codeCondition: string | undefined, params: SqlParams): string {
  const parts: string[] = [];
  if (system === null) parts.push('system IS NULL');
  else if (system !== undefined) parts.push(`system = ${params.add(indexedExactValue(system))}`);
  if (codeCondition !== undefined) parts.push(codeCondition);
  return parts.length > 0 ? `(${parts.join(' AND ')})` : 'TRUE';
}

/**
 * Range semantics of FHIR date search. The indexed value covers [low, high); the searched value covers
 * [pl, ph). `eq` means the indexed range lies within the searched one; `gt` that it reaches beyond it; …
 */
export function dateCondition(low: string, high: string, v: DateValue, params: SqlParams): string {
  // Bind only what the condition uses: PostgreSQL cannot type a parameter that appears nowhere.
  let plParam: string | undefined;
  let phParam: string | undefined;
  const pl = (): string => (plParam ??= params.add(v.low, 'timestamptz'));
  const ph = (): string => (phParam ??= params.add(v.high, 'timestamptz'));
  const eq = (): string => `(${low} >= ${pl()} AND ${high} <= ${ph()})`;
  switch (v.prefix) {
    case 'eq':
      return eq();
    case 'ne':
      return `NOT ${eq()}`;
    case 'gt':
      return `${high} > ${ph()}`;
    case 'lt':
      return `${low} < ${pl()}`;
    case 'ge':
      return `(${high} > ${ph()} OR ${eq()})`;
    case 'le':
      return `(${low} < ${pl()} OR ${eq()})`;
    case 'sa':
      return `${low} >= ${ph()}`;
    case 'eb':
      return `${high} <= ${pl()}`;
    case 'ap': {
      // approximately: the searched range widened by 10% of its distance from now, overlapping the value
      const widen = `(abs(extract(epoch from (now() - ${pl()}))) * 0.1) * interval '1 second'`;
      return `(${low} < ${ph()} + ${widen} AND ${high} > ${pl()} - ${widen})`;
    }
  }
}

function numberCondition(v: NumberValue, params: SqlParams): string {
  let valueParam: string | undefined;
  const value = (): string => (valueParam ??= params.add(v.value, 'numeric'));
  switch (v.prefix) {
    case 'eq':
      return `(value >= ${params.add(v.low, 'numeric')} AND value < ${params.add(v.high, 'numeric')})`;
    case 'ne':
      return `NOT (value >= ${params.add(v.low, 'numeric')} AND value < ${params.add(v.high, 'numeric')})`;
    case 'gt':
    case 'sa':
      return `value > ${value()}`;
    case 'lt':
    case 'eb':
      return `value < ${value()}`;
    case 'ge':
      return `value >= ${value()}`;
    case 'le':
      return `value <= ${value()}`;
    case 'ap':
      return `(value BETWEEN ${value()} - abs(${value()}) * 0.1 AND ${value()} + abs(${value()}) * 0.1)`;
  }
}

function quantityCondition(v: NumberValue, params: SqlParams): string {
  const parts = [numberCondition(v, params)];
  if (v.system !== undefined) parts.push(`system = ${params.add(v.system)}`);
  if (v.code !== undefined) parts.push(`code = ${params.add(v.code)}`);
  return `(${parts.join(' AND ')})`;
}

/** Any of the conditions (OR), without parentheses around a single one. */
export function anyOf(conditions: string[]): string {
  return conditions.length === 1 ? conditions[0] : `(${conditions.join(' OR ')})`;
}
