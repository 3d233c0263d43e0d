import type { SearchFilter } from '../fhir/search/request.js';
import type { Queryable } from './database.js';
import { filterSql, type ScopeRule } from './search-filters.js';
import type { ResourceRow } from './search-query.js';
import { SqlParams } from './sql.js';

/**
 * Reads for bulk export and Patient/$everything: current resources in (type, id) order, a page at a time
 * after the last row of the page before (keyset paging: each page is one short statement, however large
 * the export, so no transaction stays open and other work is never held up). The caller's access rule is
 * part of the WHERE clause, exactly as in a search.
 */
export interface ExportPageQuery {
  /** the types read; more than one only without `filters` */
  types: string[];
  /** changed after this instant */
  since?: string;
  /** changed at or before this instant (the export's transaction time) */
  until?: string;
  /** 'compartment': resources in any patient's compartment; a list: in one of these patients' compartments */
  patients?: 'compartment' | string[];
  /** a resource matches when every filter of any one set holds (`_typeFilter` queries, ORed) */
  filterSets?: SearchFilter[][];
  /** the last row of the previous page */
  after?: { resourceType: string; id: string };
  limit: number;
}

export async function readExportPage(db: Queryable, query: ExportPageQuery, scope: ScopeRule): Promise<ResourceRow[]> {
  const p = new SqlParams();
  const single = query.types.length === 1 ? query.types[0] : undefined;
  const conditions = [single ? `r.resource_type = ${p.add(single)}` : `r.resource_type = ANY(${p.add(query.types, 'text[]')})`, 'NOT r.deleted'];
  const rule = scope(single ?? '*', 'r', p);
  if (rule) conditions.push(rule);
  if (query.since) conditions.push(`r.last_updated > ${p.add(query.since, 'timestamptz')}`);
  if (query.until) conditions.push(`r.last_updated <= ${p.add(query.until, 'timestamptz')}`);
  if (query.patients === 'compartment') conditions.push(`r.patient_ids <> '{}'`);
  else if (query.patients) conditions.push(`r.patient_ids && ${p.add(query.patients, 'text[]')}`);
  if (query.filterSets && query.filterSets.length > 0) {
    if (!single) throw new Error('export filters apply to one type at a time');
    const sets = query.filterSets.map((set) => `(${set.map((f) => filterSql(f, single, 'r', p, scope)).join(' AND ')})`);
    conditions.push(`(${sets.join(' OR ')})`);
  }
  if (query.after) {
    // One type: the primary key's order on id alone; several: on (type, id).
    conditions.push(
      single
        ? `r.id > ${p.add(query.after.id)}`
        : `(r.resource_type, r.id) > (${p.add(query.after.resourceType)}, ${p.add(query.after.id)})`,
    );
  }
  const sql =
    `SELECT r.resource_type, r.id, r.content, r.patient_ids FROM resource r WHERE ${conditions.join(' AND ')}` +
    ` ORDER BY r.resource_type, r.id LIMIT ${p.add(query.limit)}`;
  const result = await db.query<{ resource_type: string; id: string; content: string; patient_ids: string[] }>(sql, p.values);
  return result.rows.map((r) => ({ resourceType: r.resource_type, id: r.id, content: r.content, patientIds: r.patient_ids }));
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
