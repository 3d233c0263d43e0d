import type { Queryable } from './database.js';
import type { CurrentRow, HistoryQuery, HistoryRow } from './resource-reads.js';
import type { ScopeRule } from './search-filters.js';
import { SqlParams } from './sql.js';

/**
 * Reads of the audit trail by id and its history: an event has one version, never changed or deleted, so
 * its history is that version, and the type's history is the trail newest first.
 */
const AUDIT_EVENT = 'AuditEvent';

interface AuditDbRow {
  id: string;
  last_updated: Date;
  content: string;
  patient_ids: string[];
  organization_id: string | null;
}

export async function readAuditEvent(db: Queryable, id: string, scope: ScopeRule): Promise<CurrentRow | undefined> {
  const row = (await auditRows(db, { id, count: 1 }, scope))[0];
  return row
    ? { versionId: 1, deleted: false, content: row.content, patientIds: row.patient_ids, organizationId: row.organization_id, security: [] }
    : undefined;
}

export async function readAuditHistory(db: Queryable, query: HistoryQuery, scope: ScopeRule): Promise<HistoryRow[]> {
  const rows = await auditRows(db, query, scope);
  return rows.map((r) => ({
    patientIds: r.patient_ids,
    resourceType: AUDIT_EVENT,
    id: r.id,
    versionId: 1,
    lastUpdated: r.last_updated.toISOString(),
    deleted: false,
    content: r.content,
    requestMethod: null,
    responseStatus: null,
  }));
}

async function auditRows(db: Queryable, query: Omit<HistoryQuery, 'resourceType'>, scope: ScopeRule): Promise<AuditDbRow[]> {
  const p = new SqlParams();
  const conditions: string[] = [];
  if (query.id) conditions.push(`a.id = ${p.add(query.id)}`);
  if (query.since) conditions.push(`a.last_updated >= ${p.add(query.since, 'timestamptz')}`);
  // an event is current from when it was stored on, and never replaced
  if (query.at) conditions.push(`a.last_updated < ${p.add(query.at.high, 'timestamptz')}`);
  if (query.after) {
    const a = query.after;
    conditions.push(
      `(a.last_updated, 'AuditEvent', a.id, 1::bigint) < (${p.add(a.lastUpdated, 'timestamptz')}, ${p.add(a.resourceType)}, ${p.add(a.id)}, ${p.add(a.versionId, 'bigint')})`,
    );
  }
  const rule = scope(AUDIT_EVENT, 'a', p);
  if (rule) conditions.push(rule);
  const sql =
    `SELECT a.id, a.last_updated, a.content, a.patient_ids, a.organization_id FROM audit_event a` +
    (conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '') +
    ` ORDER BY a.last_updated DESC, a.id DESC LIMIT ${p.add(query.count + 1)}`;
  return (await db.query<AuditDbRow>(sql, p.values)).rows;
}
