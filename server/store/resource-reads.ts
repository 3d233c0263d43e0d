import type { Queryable } from './database.js';
import { prepared, SqlParams } from './sql.js';
import type { ScopeRule } from './search-filters.js';

export interface CurrentRow {
  versionId: number;
  deleted: boolean;
  content: string | null;
  patientIds: string[];
  organizationId: string | null;
  security: string[];
}

/** The current row of a resource, as the caller may see it; undefined when absent or hidden. */
export async function readCurrent(
  db: Queryable,
  resourceType: string,
  id: string,
  scope: ScopeRule,
  options: { forUpdate?: boolean } = {},
): Promise<CurrentRow | undefined> {
  const p = new SqlParams();
  const rule = scope(resourceType, 'r', p);
  const sql =
    `SELECT r.version_id::int AS version_id, r.deleted, r.content, r.patient_ids, r.organization_id, r.security FROM resource r` +
    ` WHERE r.resource_type = ${p.add(resourceType)} AND r.id = ${p.add(id)}` +
    (rule ? ` AND ${rule}` : '') +
    (options.forUpdate ? ' FOR UPDATE' : '');
  const result = await db.query<{
    version_id: number;
    deleted: boolean;
    content: string | null;
    patient_ids: string[];
    organization_id: string | null;
    security: string[];
  }>(prepared(sql, p.values));
  const row = result.rows[0];
  return row
    ? {
        versionId: row.version_id,
        deleted: row.deleted,
        content: row.content,
        patientIds: row.patient_ids,
        organizationId: row.organization_id,
        security: row.security,
      }
    : undefined;
}

export interface HistoryRow {
  patientIds: string[];
  resourceType: string;
  id: string;
  versionId: number;
  lastUpdated: string;
  deleted: boolean;
  content: string | null;
  /** how the version came about (see VersionWrite.request); null when the server wrote it itself */
  requestMethod: string | null;
  responseStatus: number | null;
}

/** One version of a resource, if the caller may see the resource at all. */
export async function readVersion(
  db: Queryable,
  resourceType: string,
  id: string,
  versionId: number,
  scope: ScopeRule,
): Promise<HistoryRow | undefined> {
  const p = new SqlParams();
  const rule = scope(resourceType, 'r', p);
  const sql =
    `SELECT h.resource_type, h.id, h.version_id::int AS version_id, h.last_updated, h.deleted, h.content, h.request_method, h.response_status, r.patient_ids` +
    ` FROM resource_history h JOIN resource r ON r.resource_type = h.resource_type AND r.id = h.id` +
    ` WHERE h.resource_type = ${p.add(resourceType)} AND h.id = ${p.add(id)} AND h.version_id = ${p.add(versionId)}` +
    (rule ? ` AND ${rule}` : '');
  const result = await db.query<HistoryDbRow>(sql, p.values);
  return result.rows[0] ? toHistoryRow(result.rows[0]) : undefined;
}

export interface HistoryQuery {
  resourceType?: string;
  id?: string;
  since?: string;
  /** the period of `_at`: low inclusive, high exclusive */
  at?: { low: string; high: string };
  count: number;
  /** continue after this entry (newest first) */
  after?: { lastUpdated: string; resourceType: string; id: string; versionId: number };
}

/**
 * History newest first, keyset-paged on (last_updated, type, id, version) so pages hold still while others
 * write. Access follows the resource's current row: what the caller may not see now, it may not see then.
 */
export async function readHistory(db: Queryable, query: HistoryQuery, scope: ScopeRule): Promise<HistoryRow[]> {
  const p = new SqlParams();
  const conditions: string[] = [];
  if (query.resourceType) conditions.push(`h.resource_type = ${p.add(query.resourceType)}`);
  if (query.id) conditions.push(`h.id = ${p.add(query.id)}`);
  if (query.since) conditions.push(`h.last_updated >= ${p.add(query.since, 'timestamptz')}`);
  if (query.at) {
    // http.html#history: `_at` keeps the versions current at some point in the period, i.e. made before it
    // ends and not replaced by the next version (version numbers are consecutive) before it begins.
    conditions.push(
      `h.last_updated < ${p.add(query.at.high, 'timestamptz')} AND NOT EXISTS (SELECT 1 FROM resource_history n` +
        ` WHERE n.resource_type = h.resource_type AND n.id = h.id AND n.version_id = h.version_id + 1` +
        ` AND n.last_updated <= ${p.add(query.at.low, 'timestamptz')})`,
    );
  }
  if (query.after) {
    const a = query.after;
    conditions.push(
      `(h.last_updated, h.resource_type, h.id, h.version_id) < (${p.add(a.lastUpdated, 'timestamptz')}, ${p.add(a.resourceType)}, ${p.add(a.id)}, ${p.add(a.versionId, 'bigint')})`,
    );
  }
  const rule = scope(query.resourceType ?? '*', 'r', p);
  if (rule) conditions.push(rule);
  const sql =
    `SELECT h.resource_type, h.id, h.version_id::int AS version_id, h.last_updated, h.deleted, h.content, h.request_method, h.response_status, r.patient_ids` +
    ` FROM resource_history h JOIN resource r ON r.resource_type = h.resource_type AND r.id = h.id` +
    (conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '') +
    ` ORDER BY h.last_updated DESC, h.resource_type DESC, h.id DESC, h.version_id DESC LIMIT ${p.add(query.count + 1)}`;
  const result = await db.query<HistoryDbRow>(sql, p.values);
  return result.rows.map(toHistoryRow);
}

interface HistoryDbRow {
  resource_type: string;
  id: string;
  version_id: number;
  last_updated: Date;
  deleted: boolean;
  content: string | null;
  request_method: string | null;
  response_status: number | null;
  patient_ids: string[];
}

function toHistoryRow(r: HistoryDbRow): HistoryRow {
  return {
    patientIds: r.patient_ids,
    resourceType: r.resource_type,
    id: r.id,
    versionId: r.version_id,
    lastUpdated: r.last_updated.toISOString(),
    deleted: r.deleted,
    content: r.content,
    requestMethod: r.request_method,
    responseStatus: r.response_status,
  };
}
