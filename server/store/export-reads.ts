import type { SearchFilter } from '../fhir/search/request.js';
import { COPY_DELIMITER, type CopyOut } from './copy-out.js';
import type { Queryable } from './database.js';
import { GrowableBuffer } from './growable-buffer.js';
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
  /**
   * The window's last row (see `exportWindowEnds`): the page is every row after `after` up to it. Absent: the
   * next `limit` rows, and `next` says where to go on when there are more.
   */
  upTo?: ExportCursor;
  limit: number;
  /**
   * Where a page read by COPY puts its NDJSON, emptied first: the caller hands the same buffers back page after
   * page (once it has written what they held), so an export of a million resources does not make a gigabyte
   * of new buffers for the garbage collector to find. A new one when absent.
   */
  into?: GrowableBuffer;
}

export interface ExportCursor {
  lastUpdated: string;
  resourceType: string;
  id: string;
}

/** A page of a bulk export: its resources as NDJSON, ready for the file. */
export interface ExportPage {
  /** one line of JSON per resource, each ending in a newline, UTF-8 */
  ndjson: Buffer;
  count: number;
  /** the patients whose records the page holds (with repeats), for the audit trail */
  patientIds: string[];
  /** where the next page starts; absent when this was the last */
  next?: ExportCursor;
}

/** A page of one patient's record (Patient/$everything): the resources as rows. */
export interface RecordPage {
  rows: ResourceRow[];
  next?: ExportCursor;
}

/**
 * A page of a bulk export. `copyOut`, where the database offers it, hands a window of a type out as raw
 * lines (see copy-out.ts); without it the same statement is read as rows.
 */
export async function readExportPage(db: Queryable, query: ExportPageQuery, scope: ScopeRule, copyOut?: CopyOut): Promise<ExportPage> {
  if (Array.isArray(query.patients)) {
    const { rows, next } = await readRecordPage(db, { ...query, patients: query.patients }, scope);
    return { ...ndjsonOf(rows.map((r) => r.content)), patientIds: rows.flatMap((r) => r.patientIds), ...(next ? { next } : {}) };
  }
  const statement = windowStatement(query, scope);
  return copyOut ? copyWindow(copyOut, statement, query) : readWindow(db, statement, query);
}

/**
 * Some patients' records: the patient index finds them, every condition applies, and the page is full
 * unless it is the last.
 */
export async function readRecordPage(db: Queryable, query: ExportPageQuery & { patients: string[] }, scope: ScopeRule): Promise<RecordPage> {
  const p = new SqlParams();
  const conditions = [...matchConditions(query, p, scope), `r.patient_ids && ${p.add(query.patients, 'text[]')}`];
  if (query.since) conditions.push(`r.last_updated > ${p.add(query.since, 'timestamptz')}`);
  if (query.until) conditions.push(`r.last_updated <= ${p.add(query.until, 'timestamptz')}`);
  if (query.after) {
    const a = query.after;
    conditions.push(`(r.last_updated, r.resource_type, r.id) > (${p.add(a.lastUpdated, 'timestamptz')}, ${p.add(a.resourceType)}, ${p.add(a.id)})`);
  }
  const result = await db.query<ListedRow>(
    `SELECT r.resource_type, r.id, r.content, r.patient_ids, r.last_updated FROM resource r` +
      ` WHERE r.resource_type = ANY(${p.add(query.types, 'text[]')}) AND ${conditions.join(' AND ')}` +
      ` ORDER BY r.last_updated, r.resource_type, r.id LIMIT ${p.add(query.limit + 1)}`,
    p.values,
  );
  const rows = result.rows.slice(0, query.limit);
  return { rows: rows.map(toRow), ...(result.rows.length > query.limit ? { next: cursorOf(rows[rows.length - 1]) } : {}) };
}

/**
 * Every resource of one type (or every one in a patient's compartment): the page is a window of the type in
 * the index on (type, lastUpdated, id), and the access rule and filters pick from its rows. A page may hold
 * fewer rows than its window, even none, but each costs the same however selective the rule is (a
 * Directorate that may see one patient in a thousand) and wherever it starts; a condition that stopped the
 * scan instead would read the rest of the table for every page.
 */
function windowStatement(query: ExportPageQuery, scope: ScopeRule): { text: string; values: unknown[] } {
  const p = new SqlParams();
  const bounds = windowBounds(query, p);
  const conditions = matchConditions(query, p, scope);
  if (query.patients === 'compartment') conditions.push(`r.patient_ids <> '{}'`);
  // A window whose last row is known needs no LIMIT, and has none: a LIMIT would drop rows without a word
  // if the window ever held more than the walk counted.
  const limit = query.upTo ? '' : ` LIMIT ${p.add(query.limit, 'int')}`;
  // One statement level, in the index's order: the rule is worked out once per row (an outer level would
  // have the planner copy it into every place it is named) and no sort copies the page's content. A row the
  // rule refuses comes back without content, only to say where the window ends. Every column is text, in
  // the same form whether read as rows or as COPY lines.
  return {
    text:
      `SELECT r.id, ${CURSOR_TIME} AS last_updated,` +
      ` NULLIF(array_to_string(r.patient_ids, ','), '') AS patient_ids, CASE WHEN ${conditions.join(' AND ')} THEN r.content END AS content` +
      ` FROM resource r WHERE ${bounds.join(' AND ')} ORDER BY r.resource_type, r.last_updated, r.id${limit}`,
    values: p.values,
  };
}

/** lastUpdated as a cursor holds it: UTC, to the microsecond, so that the next window starts exactly after it */
const CURSOR_TIME = `to_char(r.last_updated AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The rows of the type's index a window is cut from: the type, the export's period, after `after`, up to `upTo`. */
function windowBounds(query: ExportPageQuery, p: SqlParams): string[] {
  if (query.types.length !== 1) throw new Error('an export reads one type at a time');
  const bounds = [`r.resource_type = ${p.add(query.types[0])}`];
  if (query.since) bounds.push(`r.last_updated > ${p.add(query.since, 'timestamptz')}`);
  if (query.until) bounds.push(`r.last_updated <= ${p.add(query.until, 'timestamptz')}`);
  // (lastUpdated, id) after the type's equality: bounds of the index scan, not filters on it
  if (query.after) bounds.push(`(r.last_updated, r.id) > (${p.add(query.after.lastUpdated, 'timestamptz')}, ${p.add(query.after.id)})`);
  if (query.upTo) bounds.push(`(r.last_updated, r.id) <= (${p.add(query.upTo.lastUpdated, 'timestamptz')}, ${p.add(query.upTo.id)})`);
  return bounds;
}

/**
 * Where each full window of the type ends: every `limit`-th row, in order (the rows after the last end are
 * the last window). One walk of the type's index that reads keys only, no content and no rule, so an export
 * knows all its windows before it reads the first and can read several at once.
 */
export async function exportWindowEnds(db: Queryable, query: Omit<ExportPageQuery, 'after' | 'upTo'>): Promise<ExportCursor[]> {
  const p = new SqlParams();
  const bounds = windowBounds(query, p);
  const result = await db.query<{ id: string; last_updated: string }>(
    `SELECT r.id, ${CURSOR_TIME} AS last_updated FROM (SELECT r.id, r.last_updated, row_number()` +
      ` OVER (ORDER BY r.resource_type, r.last_updated, r.id) AS n FROM resource r WHERE ${bounds.join(' AND ')}) r` +
      ` WHERE r.n % ${p.add(query.limit, 'int')} = 0 ORDER BY r.n`,
    p.values,
  );
  return result.rows.map((end) => ({ lastUpdated: end.last_updated, resourceType: query.types[0], id: end.id }));
}

interface WindowRow {
  id: string;
  last_updated: string;
  /** comma-separated (FHIR ids hold no commas); null when none */
  patient_ids: string | null;
  /** null: a row of the window the caller may not have */
  content: string | null;
}

async function readWindow(db: Queryable, statement: { text: string; values: unknown[] }, query: ExportPageQuery): Promise<ExportPage> {
  const { rows } = await db.query<WindowRow>(statement.text, statement.values);
  const hits = rows.filter((r) => r.content !== null);
  const last = rows[rows.length - 1];
  return {
    ...ndjsonOf(hits.map((r) => r.content as string)),
    patientIds: hits.flatMap((r) => (r.patient_ids === null ? [] : r.patient_ids.split(','))),
    ...(!query.upTo && rows.length === query.limit ? { next: { lastUpdated: last.last_updated, resourceType: query.types[0], id: last.id } } : {}),
  };
}

/**
 * The window as COPY lines `id 0x01 lastUpdated 0x01 patients 0x01 content`: the content's bytes are copied
 * into the page as they came, only the short fields before them are read, and nothing is allocated per line.
 */
async function copyWindow(copyOut: CopyOut, statement: { text: string; values: unknown[] }, query: ExportPageQuery): Promise<ExportPage> {
  const ndjson = query.into ?? new GrowableBuffer();
  ndjson.clear();
  const patientIds: string[] = [];
  let count = 0;
  let seen = 0;
  let next: ExportCursor | undefined;
  await copyOut(statement.text, statement.values, (bytes, start, end) => {
    const patientsAt = bytes.indexOf(COPY_DELIMITER, bytes.indexOf(COPY_DELIMITER, start) + 1) + 1;
    const contentAt = bytes.indexOf(COPY_DELIMITER, patientsAt) + 1;
    if (contentAt < end) {
      ndjson.append(bytes, contentAt, end + 1); // the line's newline ends the NDJSON line too
      count++;
      // a string of its own per line: ids sliced out of one string of the page would keep all of it alive in the ledger
      if (contentAt - 1 > patientsAt) patientIds.push(...bytes.toString('latin1', patientsAt, contentAt - 1).split(','));
    }
    seen++;
    if (!query.upTo && seen === query.limit) {
      const [id, lastUpdated] = bytes.toString('latin1', start, patientsAt - 1).split(String.fromCharCode(COPY_DELIMITER));
      next = { lastUpdated, resourceType: query.types[0], id };
    }
  });
  return { ndjson: ndjson.contents(), count, patientIds, ...(next ? { next } : {}) };
}

function ndjsonOf(contents: string[]): Pick<ExportPage, 'ndjson' | 'count'> {
  return { ndjson: Buffer.from(contents.length === 0 ? '' : `${contents.join('\n')}\n`), count: contents.length };
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


interface ListedRow {
  resource_type: string;
  id: string;
  content: string;
  patient_ids: string[];
  last_updated: Date;
}

function toRow(r: ListedRow): ResourceRow {
  return { resourceType: r.resource_type, id: r.id, content: r.content, patientIds: r.patient_ids };
}

function cursorOf(r: ListedRow): ExportCursor {
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
