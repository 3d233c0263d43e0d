import type { AuditEvent, AuditEventEntity, Coding } from '@medplum/fhirtypes';
import { STAFF_ROLE_SYSTEM, type Principal } from '../auth/principal.js';

/**
 * AuditEvents shaped after IHE Basic Audit Log Patterns (BALP): who (agent, with role and organisation),
 * what (entities: the patient, the resource, the query), when, from where, with which outcome.
 * Pure: the repository decides when to record one and stores it with the access it describes.
 */

export type AuditAction = 'C' | 'R' | 'U' | 'D' | 'E';

/** `restful-interaction` codes, plus Hiwa's own for events that are not FHIR interactions. */
export type AuditSubtype =
  | 'read' | 'vread' | 'search-type' | 'history-instance' | 'history-type' | 'history-system'
  | 'create' | 'update' | 'patch' | 'delete' | 'operation'
  | 'login' | 'login-failed' | 'logout' | 'token-issued' | 'token-refused' | 'break-glass' | 'consent-override' | 'access-denied' | 'export';

/** Someone who has not (or not yet) proved who they are: a failed login, a refused token request, a 401. */
export interface UnauthenticatedAgent {
  kind: 'unauthenticated';
  /** the username or client id they claimed, if any */
  claimed?: string;
}

export interface AuditFacts {
  principal: Principal | UnauthenticatedAgent;
  subtype: AuditSubtype;
  action: AuditAction;
  /** 0 success, 4 minor failure (e.g. refused), 8 serious failure */
  outcome: '0' | '4' | '8';
  outcomeDescription?: string;
  recorded: string;
  sourceAddress?: string;
  /** patients whose data was touched */
  patientIds?: string[];
  /** resources touched, as `Type/id` or `Type/id/_history/v` */
  resources?: string[];
  /** the search or operation query as the client sent it */
  query?: string;
  /** a reason the user gave (break-glass, a consent override) */
  reason?: string;
}

export const HIWA_AUDIT_SUBTYPE_SYSTEM = 'https://hiwa.health/fhir/CodeSystem/audit-event-subtype';
export const AGENT_ORGANIZATION_URL = 'https://hiwa.health/fhir/StructureDefinition/agent-organization';

const restful = new Set([
  'read', 'vread', 'search-type', 'history-instance', 'history-type', 'history-system', 'create', 'update', 'patch',
  'delete', 'operation',
]);

// One object each, shared by every patient an event names: an export's event names thousands.
const PERSON: Coding = Object.freeze({ system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '1', display: 'Person' });
const PATIENT_ROLE: Coding = Object.freeze({ system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '1', display: 'Patient' });

export function buildAuditEvent(f: AuditFacts): AuditEvent {
  const isRest = restful.has(f.subtype);
  // a set, not a scan per resource: one transaction's event may name tens of thousands of each
  const patientReferences = new Set((f.patientIds ?? []).map((id) => `Patient/${id}`));
  const entities: AuditEventEntity[] = [
    ...(f.patientIds ?? []).map((id) => ({ what: { reference: `Patient/${id}` }, type: PERSON, role: PATIENT_ROLE })),
    ...(f.resources ?? [])
      .filter((r) => !patientReferences.has(r))
      .map((reference) => ({
        what: { reference },
        type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '2', display: 'System Object' },
      })),
    ...(f.query !== undefined
      ? [
          {
            type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '2', display: 'System Object' },
            role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '24', display: 'Query' },
            query: Buffer.from(f.query, 'utf8').toString('base64'),
          },
        ]
      : []),
  ];
  return {
    resourceType: 'AuditEvent',
    type: isRest
      ? { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest', display: 'RESTful Operation' }
      : f.subtype === 'export'
        ? { system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110106', display: 'Export' }
        : { system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110114', display: 'User Authentication' },
    subtype: [
      isRest
        ? { system: 'http://hl7.org/fhir/restful-interaction', code: f.subtype }
        : { system: HIWA_AUDIT_SUBTYPE_SYSTEM, code: f.subtype },
    ],
    action: f.action,
    recorded: f.recorded,
    outcome: f.outcome,
    ...(f.outcomeDescription ? { outcomeDesc: f.outcomeDescription } : {}),
    ...(f.reason ? { purposeOfEvent: [{ text: f.reason, coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'ETREAT', display: 'Emergency Treatment' }] }] } : {}),
    agent: [agentOf(f.principal, f.sourceAddress)],
    source: {
      observer: { display: 'Hiwa' },
      type: [{ system: 'http://terminology.hl7.org/CodeSystem/security-source-type', code: '4', display: 'Application Server' }],
    },
    ...(entities.length > 0 ? { entity: entities } : {}),
  };
}

function agentOf(principal: Principal | UnauthenticatedAgent, address: string | undefined): AuditEvent['agent'][number] {
  const network = address ? { network: { address, type: '2' as const } } : {};
  const requestor = {
    type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }] },
    requestor: true,
  };
  switch (principal.kind) {
    case 'staff':
      return {
        ...requestor,
        who: { reference: `Practitioner/${principal.practitionerId}`, display: principal.username },
        role: [{ coding: [{ system: STAFF_ROLE_SYSTEM, code: principal.role }] }],
        extension: [{ url: AGENT_ORGANIZATION_URL, valueReference: { reference: `Organization/${principal.organizationId}` } }],
        ...network,
      };
    case 'system':
      return {
        ...requestor,
        who: { identifier: { system: 'https://hiwa.health/fhir/system-client', value: principal.clientId }, display: principal.clientId },
        ...(principal.organizationId
          ? { extension: [{ url: AGENT_ORGANIZATION_URL, valueReference: { reference: `Organization/${principal.organizationId}` } }] }
          : {}),
        ...network,
      };
    case 'internal':
      return { ...requestor, requestor: false, who: { display: `Hiwa (${principal.reason})` }, ...network };
    case 'unauthenticated':
      return {
        ...requestor,
        who: principal.claimed
          ? { identifier: { system: 'https://hiwa.health/fhir/sid/claimed-identity', value: principal.claimed }, display: principal.claimed }
          : { display: 'unauthenticated' },
        ...network,
      };
  }
}

/** The organisation an event belongs to, so supervisors see their organisation's trail. */
export function auditOrganization(principal: Principal | UnauthenticatedAgent): string | null {
  if (principal.kind === 'staff') return principal.organizationId;
  if (principal.kind === 'system') return principal.organizationId ?? null;
  return null;
}
