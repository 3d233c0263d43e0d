import { randomUUID } from 'node:crypto';
import type { AuditEvent } from '@medplum/fhirtypes';
import type { Queryable } from './database.js';
import { prepareContent } from './prepare.js';
import { writeVersions, type VersionWrite } from './resource-writes.js';

export interface AuditRecord {
  event: AuditEvent;
  /** the organisation whose supervisors may read it */
  organizationId: string | null;
}

/** AuditEvents as stored versions: server-built, so not re-validated; indexed like any resource. */
export function auditWrites(records: AuditRecord[], lastUpdated: string): VersionWrite[] {
  return records.map(
    (r) => prepareContent(r.event, randomUUID(), 1, lastUpdated, { organizationId: r.organizationId, trusted: true }).write,
  );
}

export async function storeAuditRecords(db: Queryable, records: AuditRecord[], lastUpdated: string): Promise<void> {
  await writeVersions(db, auditWrites(records, lastUpdated));
}
