import type { Cursor, IncludeRule, SearchRequest, SortRule } from '../fhir/search/request.js';
import { AUDIT_EVENT, auditIncludeTargets, auditReferrers, auditSource } from './audit-search.js';
import type { Queryable } from './database.js';
import { filterSql, indexTableFor, stringMatchIds, type ScopeRule } from './search-filters.js';
import type { SearchSource, SortKey } from './search-source.js';
import { SqlParams } from './sql.js';

/** A stored resource as the search returns it: the JSON text is passed through untouched. */
export interface ResourceRow {
  resourceType: string;
  id: string;
  content: string;
  /** the patient compartment(s) of the row, for the audit trail */
  patientIds: string[];
}

export interface SearchPage {
  matches: ResourceRow[];
  includes: ResourceRow[];
  total?: number;
  next?: Cursor;
  previous?: Cursor;
}

function sourceFor(resourceType: string): SearchSource {
  return resourceType === AUDIT_EVENT ? auditSource : resourceSource(resourceType);
}

const resourceSource = (resourceType: string): SearchSource => ({
  from: 'resource r',
  columns: 'r.resource_type, r.id, r.content, r.patient_ids',
  where: whereClause,
  sortKey: (rule, params) => sortKey(rule, resourceType, params),
  // A search on one string parameter in id order (the default: Patient?name=…) walks the ids the text
  // matches in order and reads resources only until the page is full, so the access rule is checked for
  // about a page of rows, not for each of the thousands of patients a common name matches.
  driver: (request, params) =>
    request.sort.length === 0 && request.filters.length === 1 ? stringMatchIds(request.filters[0], resourceType, params) : undefined,
});

/**
 * Runs a search in one read: the page (keyset paging on the sort keys plus id, so pages stay stable while
 * others write), then the count and the includes when asked. Filters and access rules are all part of
 * the WHERE clause, so counts and includes see exactly what the page sees.
 */
export async function runSearch(db: Queryable, request: SearchRequest, scope: ScopeRule): Promise<SearchPage> {
  const page: SearchPage = { matches: [], includes: [] };
  const wantsEntries = request.summary !== 'count' && request.count > 0;
  if (wantsEntries) {
    await fetchPage(db, request, scope, page);
  }
  const knownTotal = !request.cursor && !page.next && wantsEntries ? page.matches.length : undefined;
  if (request.total === 'accurate' || request.summary === 'count' || request.count === 0) {
    page.total = knownTotal ?? (await countMatches(db, request, scope));
  } else if (knownTotal !== undefined) {
    page.total = knownTotal;
  }
  if (page.matches.length > 0 && (request.include.length > 0 || request.revinclude.length > 0)) {
    page.includes = await fetchIncludes(db, request, page.matches, scope);
  }
  return page;
}

function whereClause(request: SearchRequest, params: SqlParams, scope: ScopeRule): string {
  const conditions = [`r.resource_type = ${params.add(request.resourceType)}`, 'NOT r.deleted'];
  const rule = scope(request.resourceType, 'r', params);
  if (rule) conditions.push(rule);
  for (const filter of request.filters) {
    conditions.push(filterSql(filter, request.resourceType, 'r', params, scope));
  }
  return conditions.join(' AND ');
}

async function countMatches(db: Queryable, request: SearchRequest, scope: ScopeRule): Promise<number> {
  const params = new SqlParams();
  const source = sourceFor(request.resourceType);
  const sql = `SELECT count(*)::int AS n FROM ${source.from} WHERE ${source.where(request, params, scope)}`;
  const result = await db.query<{ n: number }>(sql, params.values);
  return result.rows[0].n;
}

function sortKey(rule: SortRule, resourceType: string, params: SqlParams): SortKey {
  const { descending } = rule;
  if (rule.indexType === 'id') return { expr: 'r.id', cast: 'text', descending, column: true };
  if (rule.indexType === 'lastUpdated') return { expr: 'r.last_updated', cast: 'timestamptz', descending, column: true };
  if (rule.indexType === 'token' && rule.code === 'priority') return priorityKey(resourceType, params, descending);
  const table = indexTableFor(rule.indexType);
  const agg = descending ? 'max' : 'min';
  const column: Record<typeof rule.indexType, [string, SortKey['cast']]> = {
    string: ['value', 'text'],
    token: ['code', 'text'],
    date: [descending ? 'high' : 'low', 'timestamptz'],
    number: ['value', 'numeric'],
    quantity: ['value', 'numeric'],
    reference: ['target_id', 'text'],
    uri: ['value', 'text'],
  };
  const [col, cast] = column[rule.indexType];
  const expr =
    `(SELECT ${agg}(k.${col}) FROM ${table} k WHERE k.resource_type = ${params.add(resourceType)}` +
    ` AND k.resource_id = r.id AND k.param = ${params.add(rule.code)})`;
  return { expr, cast, descending };
}

/**
 * `_sort=priority` orders by FHIR's request-priority, an ordered code system (routine < urgent < asap < stat),
 * not by the codes' spelling; no priority counts as routine, as the specification says. The inbox's "most
 * urgent first, then oldest" is `_sort=-priority,authored-on`.
 */
function priorityKey(resourceType: string, params: SqlParams, descending: boolean): SortKey {
  const rank = `CASE k.code WHEN 'urgent' THEN 2 WHEN 'asap' THEN 3 WHEN 'stat' THEN 4 ELSE 1 END`;
  const expr =
    `COALESCE((SELECT max(${rank}) FROM sp_token k WHERE k.resource_type = ${params.add(resourceType)}` +
    ` AND k.resource_id = r.id AND k.param = 'priority'), 1)`;
  return { expr, cast: 'numeric', descending };
}

interface KeyColumn {
  expr: string;
  cast: string;
  descending: boolean;
}

async function fetchPage(db: Queryable, request: SearchRequest, scope: ScopeRule, page: SearchPage): Promise<void> {
  const params = new SqlParams();
  const source = sourceFor(request.resourceType);
  const keys = request.sort.map((rule) => source.sortKey(rule, params));
  const driver = source.driver(request, params);
  const where = source.where(driver ? { ...request, filters: [] } : request, params, scope);
  const backwards = request.cursor?.direction === 'previous';

  // Nulls sort last whatever the direction: each key that may be null is ordered first by "is null", then
  // by value. Ties go by id in the direction of the last key, so that `_sort=-_lastUpdated` is the index on
  // (type, lastUpdated, id) read backwards.
  const columns: KeyColumn[] = [];
  keys.forEach((k, i) => {
    if (!k.column) columns.push({ expr: `(q.k${i} IS NULL)`, cast: 'boolean', descending: false });
    columns.push({ expr: `q.k${i}`, cast: k.cast, descending: k.descending });
  });
  columns.push({ expr: 'q.id', cast: 'text', descending: keys.length > 0 && keys[keys.length - 1].descending });
  const ordered = backwards ? columns.map((c) => ({ ...c, descending: !c.descending })) : columns;

  let after = '';
  if (request.cursor) {
    if (request.cursor.keys.length !== keys.length) {
      throw new CursorMismatch();
    }
    const values: (string | null)[] = [];
    request.cursor.keys.forEach((v, i) => {
      if (!keys[i].column) values.push(v === null ? 'true' : 'false');
      values.push(v);
    });
    values.push(request.cursor.id);
    after = `WHERE ${keysetAfter(ordered, values, params)}`;
  }

  const selectKeys = keys.map((k, i) => `, ${k.expr} AS k${i}`).join('');
  const orderBy = ordered.map((c) => `${c.expr} ${c.descending ? 'DESC' : 'ASC'}`).join(', ');
  const keyText = keys.map((_, i) => `, q.k${i}::text AS k${i}`).join('');
  const limit = params.add(request.count + 1);
  const matching = `SELECT ${source.columns}${selectKeys} FROM ${source.from} WHERE ${where}`;
  // With a driver, the keyset condition and the order use the driving id (equal to q.id, known before the join).
  const sql = driver
    ? `SELECT q.resource_type, q.id, q.content, q.patient_ids FROM (SELECT DISTINCT m.resource_id AS id FROM (${driver}) m) d ` +
      `CROSS JOIN LATERAL (${matching} AND r.id = d.id) q ` +
      `${after.replaceAll('q.id', 'd.id')} ORDER BY ${orderBy.replaceAll('q.id', 'd.id')} LIMIT ${limit}`
    : `SELECT q.resource_type, q.id, q.content, q.patient_ids${keyText} FROM (${matching}) q ` +
      `${after} ORDER BY ${orderBy} LIMIT ${limit}`;
  const result = await db.query<Record<string, string | string[] | null>>(sql, params.values).catch((err: unknown) => {
    // Every other value of the search was checked as it was parsed; the keys of a page link are cast by
    // PostgreSQL itself (timestamps and decimals in its own text form), so a link edited into something
    // that is not one of them fails here, as a data exception (SQLSTATE class 22).
    if (request.cursor && /^22/.test(String((err as { code?: unknown }).code))) {
      throw new CursorMismatch('The _cursor holds a value this server did not write');
    }
    throw err;
  });

  const rows = result.rows.slice(0, request.count);
  const more = result.rows.length > request.count;
  if (backwards) rows.reverse();
  page.matches = rows.map((row) => ({
    resourceType: row.resource_type as string,
    id: row.id as string,
    content: row.content as string,
    patientIds: row.patient_ids as string[],
  }));
  const cursorOf = (row: Record<string, string | string[] | null>, direction: Cursor['direction']): Cursor => ({
    direction,
    keys: keys.map((_, i) => (row[`k${i}`] as string | null) ?? null),
    id: row.id as string,
  });
  if (rows.length > 0) {
    const last = rows[rows.length - 1];
    const first = rows[0];
    // Going forward, "more" speaks of the next page; going back, of the previous one.
    if (backwards) {
      if (more) page.previous = cursorOf(first, 'previous');
      page.next = cursorOf(last, 'next');
    } else {
      if (more) page.next = cursorOf(last, 'next');
      if (request.cursor) page.previous = cursorOf(first, 'previous');
    }
  }
}

/** Thrown when a page link does not fit the query it came with (edited by hand). */
export class CursorMismatch extends Error {
  constructor(message = 'The _cursor does not belong to this _sort') {
    super(message);
  }
}

/** Rows strictly after `values` in the order given by `columns` (lexicographic, each with its direction). */
function keysetAfter(columns: KeyColumn[], values: (string | null)[], params: SqlParams): string {
  const alternatives: string[] = [];
  for (let i = 0; i < columns.length; i++) {
    const value = values[i];
    if (value === null) continue; // nothing sorts after a null at this position (nulls are grouped by the flag before)
    const equalBefore = columns.slice(0, i).map((c, j) => {
      const v = values[j];
      return v === null ? `${c.expr} IS NULL` : `${c.expr} = ${params.add(v, c.cast)}`;
    });
    const c = columns[i];
    const beyond = `${c.expr} ${c.descending ? '<' : '>'} ${params.add(value, c.cast)}`;
    alternatives.push(`(${[...equalBefore, beyond].join(' AND ')})`);
  }
  return alternatives.length > 0 ? `(${alternatives.join(' OR ')})` : 'FALSE';
}

async function fetchIncludes(
  db: Queryable,
  request: SearchRequest,
  matches: ResourceRow[],
  scope: ScopeRule,
): Promise<ResourceRow[]> {
  const seen = new Set(matches.map((m) => `${m.resourceType}/${m.id}`));
  const included: ResourceRow[] = [];
  const add = (rows: ResourceRow[]): ResourceRow[] => {
    const fresh = rows.filter((r) => !seen.has(`${r.resourceType}/${r.id}`));
    fresh.forEach((r) => seen.add(`${r.resourceType}/${r.id}`));
    included.push(...fresh);
    return fresh;
  };

  const firstLevel = await followRules(db, request.include, request.revinclude, matches, scope);
  const added = add(firstLevel);
  const iterating = [...request.include, ...request.revinclude].some((r) => r.iterate);
  if (iterating && added.length > 0) {
    // :iterate follows the rules once more from what the first level brought in (one level, as documented).
    add(
      await followRules(
        db,
        request.include.filter((r) => r.iterate),
        request.revinclude.filter((r) => r.iterate),
        added,
        scope,
      ),
    );
  }
  return included;
}

async function followRules(
  db: Queryable,
  includes: IncludeRule[],
  revincludes: IncludeRule[],
  sources: ResourceRow[],
  scope: ScopeRule,
): Promise<ResourceRow[]> {
  const byType = new Map<string, string[]>();
  for (const s of sources) byType.set(s.resourceType, [...(byType.get(s.resourceType) ?? []), s.id]);
  const out: ResourceRow[] = [];
  for (const rule of includes) {
    const ids = byType.get(rule.sourceType);
    if (!ids) continue;
    out.push(...(await includeTargets(db, rule, ids, scope)));
  }
  for (const rule of revincludes) {
    for (const [targetType, ids] of byType) {
      if (rule.targetType && rule.targetType !== targetType) continue;
      out.push(...(await includeReferrers(db, rule, targetType, ids, scope)));
    }
  }
  return out;
}

async function includeTargets(db: Queryable, rule: IncludeRule, ids: string[], scope: ScopeRule): Promise<ResourceRow[]> {
  const params = new SqlParams();
  const refs =
    rule.sourceType === AUDIT_EVENT
      ? auditIncludeTargets(rule, ids, params)
      : `SELECT x.target_type, x.target_id FROM sp_reference x WHERE x.resource_type = ${params.add(rule.sourceType)}` +
        ` AND x.resource_id = ANY(${params.add(ids, 'text[]')}) AND x.target_id IS NOT NULL` +
        (rule.param !== '*' ? ` AND x.param = ${params.add(rule.param)}` : '') +
        (rule.targetType ? ` AND x.target_type = ${params.add(rule.targetType)}` : '');
  const rows = await db.query<IncludedDbRow>(
    `SELECT t.resource_type, t.id, t.content, t.patient_ids FROM resource t WHERE NOT t.deleted AND (t.resource_type, t.id) IN (${refs})` +
      scopeForAnyType(scope, params),
    params.values,
  );
  return rows.rows.map(toResourceRow);
}

async function includeReferrers(
  db: Queryable,
  rule: IncludeRule,
  targetType: string,
  ids: string[],
  scope: ScopeRule,
): Promise<ResourceRow[]> {
  const params = new SqlParams();
  if (rule.sourceType === AUDIT_EVENT) {
    const audit = auditReferrers(rule, targetType, ids, params, scope);
    return (await db.query<IncludedDbRow>(audit, params.values)).rows.map(toResourceRow);
  }
  const referrers =
    `SELECT x.resource_id FROM sp_reference x WHERE x.resource_type = ${params.add(rule.sourceType)}` +
    (rule.param !== '*' ? ` AND x.param = ${params.add(rule.param)}` : '') +
    ` AND x.target_type = ${params.add(targetType)} AND x.target_id = ANY(${params.add(ids, 'text[]')})`;
  const rule2 = scope(rule.sourceType, 't', params);
  const rows = await db.query<IncludedDbRow>(
    `SELECT t.resource_type, t.id, t.content, t.patient_ids FROM resource t WHERE t.resource_type = ${params.add(rule.sourceType)}` +
      ` AND NOT t.deleted AND t.id IN (${referrers})` +
      (rule2 ? ` AND ${rule2}` : ''),
    params.values,
  );
  return rows.rows.map(toResourceRow);
}

interface IncludedDbRow {
  resource_type: string;
  id: string;
  content: string;
  patient_ids: string[];
}

function toResourceRow(r: IncludedDbRow): ResourceRow {
  return { resourceType: r.resource_type, id: r.id, content: r.content, patientIds: r.patient_ids };
}

/** The scope rule for an included target, whose type is only known per row. */
function scopeForAnyType(scope: ScopeRule, params: SqlParams): string {
  const rule = scope('*', 't', params);
  return rule ? ` AND ${rule}` : '';
}
