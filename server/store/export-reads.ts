import type { SearchFilter } from '../fhir/search/request.js';
import type { Queryable } from './database.js';
import { filterSql, type ScopeRule } from './search-filters.js';
import type { ResourceRow } from './search-query.js';
import { SqlParams } from './sql.js';

/**
 * Reads for bulk export and Patient/$everything: current resources in (lastUpdated, type, id) order, a page
 * at a time after where the page before stopped. Each page is one short statement however large the
 * export, so no transaction stays open and other work is never held up. The caller's access rule is part
 * of the WHERE clause, exactly as in a search.
 */
export interface ExportPageQuery {
  /** the types read; more than one only with a list of `patients` */
  types: string[];
  /** changed after this instant */
  since?: string;
  /** changed at or before this instant (the export's transaction time) */
  until?: string;
  /** 'compartment': resources in any patient's compartment; a list: in one of these patients' compartments */
  patients?: 'compartment' | string[];
  /** a resource matches when every filter of any one set holds (`_typeFilter` queries, ORed) */
  filterSets?: SearchFilter[][];
  /** where the previous page stopped */
  after?: ExportCursor;
  limit: number;
}

export interface ExportCursor {
  lastUpdated: string;
  resourceType: string;
  id: string;
}

export interface ExportPage {
  rows: ResourceRow[];
  /** where the next page starts; absent when this was the last */
  next?: ExportCursor;
}

export async function readExportPage(db: Queryable, query: ExportPageQuery, scope: ScopeRule): Promise<ExportPage> {
  return Array.isArray(query.patients) ? readListed(db, query, query.patients, scope) : readWindow(db, query, scope);
}

/**
 * Some patients' records: the patient index finds them, every condition applies, and the page is full
 * unless it is the last.
 */
async function readListed(db: Queryable, query: ExportPageQuery, patients: string[], scope: ScopeRule): Promise<ExportPage> {
  const p = new SqlParams();
  const conditions = [...matchConditions(query, p, scope), `r.patient_ids && ${p.add(patients, 'text[]')}`];
  if (query.since) conditions.push(`r.last_updated > ${p.add(query.since, 'timestamptz')}`);
  if (query.until) conditions.push(`r.last_updated <= ${p.add(query.until, 'timestamptz')}`);
  if (query.after) {
    const a = query.after;
    conditions.push(`(r.last_updated, r.resource_type, r.id) > (${p.add(a.lastUpdated, 'timestamptz')}, ${p.add(a.resourceType)}, ${p.add(a.id)})`);
  }
  const result = await db.query<DbRow>(
    `SELECT r.resource_type, r.id, r.content, r.patient_ids, r.last_updated, true AS hit FROM resource r` +
      ` WHERE r.resource_type = ANY(${p.add(query.types, 'text[]')}) AND ${conditions.join(' AND ')}` +
      ` ORDER BY r.last_updated, r.resource_type, r.id LIMIT ${p.add(query.limit + 1)}`,
    p.values,
  );
  const rows = result.rows.slice(0, query.limit);
  return { rows: rows.map(toRow), ...(result.rows.length > query.limit ? { next: cursorOf(rows[rows.length - 1]) } : {}) };
}

/**
 * Every resource of one type (or every one in a patient's compartment): the page is the next `limit` rows
 * of the type in the index on (type, lastUpdated, id), and the access rule and filters pick from those. A
 * page may hold fewer rows than it read, even none, but each costs the same however selective the rule is
 * (a Directorate that may see one patient in a thousand) and wherever it starts; a condition that stopped
 * the scan instead would read the rest of the table for every page.
 */
async function readWindow(db: Queryable, query: ExportPageQuery, scope: ScopeRule): Promise<ExportPage> {
  if (query.types.length !== 1) throw new Error('an export reads one type at a time');
  const p = new SqlParams();
  const bounds = [`w.resource_type = ${p.add(query.types[0])}`];
  if (query.since) bounds.push(`w.last_updated > ${p.add(query.since, 'timestamptz')}`);
  if (query.until) bounds.push(`w.last_updated <= ${p.add(query.until, 'timestamptz')}`);
  // (lastUpdated, id) after the type's equality: a bound of the index scan, not a filter on it
  if (query.after) bounds.push(`(w.last_updated, w.id) > (${p.add(query.after.lastUpdated, 'timestamptz')}, ${p.add(query.after.id)})`);
  const window =
    `SELECT * FROM resource w WHERE ${bounds.join(' AND ')}` +
    ` ORDER BY w.resource_type, w.last_updated, w.id LIMIT ${p.add(query.limit)}`;
  const conditions = matchConditions(query, p, scope);
  if (query.patients === 'compartment') conditions.push(`r.patient_ids <> '{}'`);
  const hit = conditions.join(' AND ');
  const result = await db.query<DbRow>(
    `SELECT x.resource_type, x.id, CASE WHEN x.hit THEN x.content END AS content, x.patient_ids, x.last_updated, x.hit` +
      ` FROM (SELECT r.*, (${hit}) AS hit FROM (${window}) r) x ORDER BY x.last_updated, x.id`,
    p.values,
  );
  const rows = result.rows;
  return {
    rows: rows.filter((r) => r.hit).map(toRow),
    ...(rows.length === query.limit ? { next: cursorOf(rows[rows.length - 1]) } : {}),
  };
}

/** What a row must be besides in range: current, visible to the caller, and matching the filters. */
function matchConditions(query: ExportPageQuery, p: SqlParams, scope: ScopeRule): string[] {
  const single = query.types.length === 1 ? query.types[0] : undefined;
  const conditions = ['NOT r.deleted'];
  const rule = scope(single ?? '*', 'r', p);
  if (rule) conditions.push(rule);
  if (query.filterSets && query.filterSets.length > 0) {
    if (!single) throw new Error('export filters apply to one type at a time');
    const sets = query.filterSets.map((set) => `(${set.map((f) => filterSql(f, single, 'r', p, scope)).join(' AND ')})`);
    conditions.push(`(${sets.join(' OR ')})`);
  }
  return conditions;
}


interface DbRow {
  resource_type: string;
  id: string;
  content: string;
  patient_ids: string[];
  last_updated: Date;
  hit: boolean;
}

function toRow(r: DbRow): ResourceRow {
  return { resourceType: r.resource_type, id: r.id, content: r.content, patientIds: r.patient_ids };
}

function cursorOf(r: DbRow): ExportCursor {
  return { lastUpdated: r.last_updated.toISOString(), resourceType: r.resource_type, id: r.id };
}

/**
 * Which of these types have any rows at all, current or deleted: a walk over the index on
 * (type, lastUpdated, id) that costs one probe per type present, so an export of every type skips at once
 * the hundred-odd FHIR types nobody writes.
 */
export async function typesPresent(db: Queryable, types: string[]): Promise<Set<string>> {
  const result = await db.query<{ t: string }>(
    `WITH RECURSIVE present(t) AS (
       SELECT min(resource_type) FROM resource
       UNION ALL
       SELECT (SELECT min(resource_type) FROM resource WHERE resource_type > present.t) FROM present WHERE present.t IS NOT NULL)
     SELECT t FROM present WHERE t = ANY($1::text[])`,
    [types],
  );
  return new Set(result.rows.map((r) => r.t));
}

/**
 * The export's transaction time: now, or the start of the oldest transaction still open on the database
 * if that is earlier. Every resource written at or before it has been committed, so an export of rows
 * changed up to it misses nothing that a later `_since` of it would not catch either, however long the
 * writes running meanwhile take. (A version's lastUpdated is taken after its transaction began.)
 */
export async function exportHorizon(db: Queryable): Promise<Date> {
  const result = await db.query<{ horizon: Date }>(
    `SELECT least(now(), (SELECT min(xact_start) FROM pg_stat_activity WHERE datname = current_database()
       AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND xact_start IS NOT NULL)) AS horizon`,
  );
  return result.rows[0].horizon;
}
