import { randomUUID } from 'node:crypto';
import type { AuditEvent } from '@medplum/fhirtypes';
import type { Queryable } from './database.js';
import { prepared, SqlParams } from './sql.js';

export interface AuditRecord {
  event: AuditEvent;
  /** the organisation whose supervisors may read it */
  organizationId: string | null;
}

const SEP = '\u001f'; // joins each row's array into one text value, since unnest cannot take arrays of arrays

/** Big enough that a statement's fixed cost is spread thin, small enough that its parameters stay small. */
const EVENTS_PER_STATEMENT = 500;

/**
 * Appends AuditEvents to the audit trail (table `audit_event`, see migration 010): server-built, so not
 * validated, and not versioned or indexed like resources — the columns the trail's searches need are
 * worked out here, and the event is stored as the JSON it is served as. Nothing updates or deletes a row.
 */
export async function storeAuditRecords(db: Queryable, records: AuditRecord[], lastUpdated: string): Promise<void> {
  for (let start = 0; start < records.length; start += EVENTS_PER_STATEMENT) {
    await insertSlice(db, records.slice(start, start + EVENTS_PER_STATEMENT), lastUpdated);
  }
}

async function insertSlice(db: Queryable, records: AuditRecord[], lastUpdated: string): Promise<void> {
  const rows = records.map((r) => auditRow(r, randomUUID(), lastUpdated));
  const p = new SqlParams();
  const col = (pick: (row: AuditRow) => unknown, cast: string): string => p.add(rows.map(pick), cast);
  await db.query(
    prepared(
      `INSERT INTO audit_event (id, recorded, last_updated, organization_id, patient_ids, agents, entities, type_system, type_code,
       subtype_system, subtype_code, action, outcome, content)
     SELECT u.id, u.recorded, ${p.add(lastUpdated, 'timestamptz')}, u.org, string_to_array(u.patients, E'\\x1f'),
       string_to_array(u.agents, E'\\x1f'), string_to_array(u.entities, E'\\x1f'), u.ts, u.tc, u.ss, u.sc, u.action, u.outcome, u.content
     FROM unnest(${[
       col((r) => r.id, 'text[]'),
       col((r) => r.recorded, 'timestamptz[]'),
       col((r) => r.organizationId, 'text[]'),
       col((r) => r.patientIds.join(SEP), 'text[]'),
       col((r) => r.agents.join(SEP), 'text[]'),
       col((r) => r.entities.join(SEP), 'text[]'),
       col((r) => r.typeSystem, 'text[]'),
       col((r) => r.typeCode, 'text[]'),
       col((r) => r.subtypeSystem, 'text[]'),
       col((r) => r.subtypeCode, 'text[]'),
       col((r) => r.action, 'text[]'),
       col((r) => r.outcome, 'text[]'),
       col((r) => r.content, 'text[]'),
     ].join(', ')}) AS u(id, recorded, org, patients, agents, entities, ts, tc, ss, sc, action, outcome, content)`,
      p.values,
    ),
  );
}

export interface AuditRow {
  id: string;
  recorded: string;
  organizationId: string | null;
  patientIds: string[];
  agents: string[];
  entities: string[];
  typeSystem: string;
  typeCode: string;
  subtypeSystem: string;
  subtypeCode: string;
  action: string | null;
  outcome: string;
  content: string;
}

const PATIENT = 'Patient/';

/** The row of one event: its search columns, and the JSON served for it (id and meta first, as for resources). */
export function auditRow(record: AuditRecord, id: string, lastUpdated: string): AuditRow {
  const { resourceType, id: _id, meta: _meta, ...rest } = record.event;
  const entities = (rest.entity ?? []).flatMap((e) => (e.what?.reference ? [e.what.reference] : []));
  return {
    id,
    recorded: rest.recorded,
    organizationId: record.organizationId,
    patientIds: [...new Set(entities.filter((r) => r.startsWith(PATIENT)).map((r) => r.slice(PATIENT.length)))],
    agents: rest.agent.flatMap((a) => (a.who?.reference ? [a.who.reference] : [])),
    entities,
    typeSystem: rest.type.system ?? '',
    typeCode: rest.type.code ?? '',
    subtypeSystem: rest.subtype?.[0]?.system ?? '',
    subtypeCode: rest.subtype?.[0]?.code ?? '',
    action: rest.action ?? null,
    outcome: rest.outcome ?? '',
    content: JSON.stringify({ resourceType, id, meta: { versionId: '1', lastUpdated }, ...rest }),
  };
}
