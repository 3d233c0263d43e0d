/**
 * Who is calling. Every request past authentication carries exactly one principal; the policy module turns
 * it into what the caller may see and do, and the audit trail records it.
 */
export const staffRoles = ['caseworker', 'psychologist', 'psychiatrist', 'supervisor', 'reporter', 'admin'] as const;

/** Hiwa's CodeSystem of these roles (PractitionerRole.code, Task.performerType, AuditEvent.agent.role). */
export const STAFF_ROLE_SYSTEM = 'https://hiwa.health/fhir/CodeSystem/staff-role';
export type StaffRole = (typeof staffRoles)[number];

export interface StaffPrincipal {
  kind: 'staff';
  /** the account id (outside FHIR) */
  userId: string;
  username: string;
  /** the Practitioner this account acts as */
  practitionerId: string;
  role: StaffRole;
  /** the Organization the account works for (the programme, or a partner CSO) */
  organizationId: string;
  /** Location ids of the sites the account works at */
  siteIds: string[];
}

export interface SystemPrincipal {
  kind: 'system';
  clientId: string;
  /** SMART scopes granted to this token, e.g. `system/Patient.rs` */
  scopes: string[];
  /** the Organization (e.g. a Directorate of Health) the client belongs to */
  organizationId?: string;
  /**
   * A data-migration client (see migration 005): every record, within its scopes, PSY included; never the
   * audit trail. Absent for ordinary clients such as a Directorate of Health.
   */
  fullAccess?: boolean;
}

/** The server itself: seeding, migrations and clinical rules that act on their own. */
export interface InternalPrincipal {
  kind: 'internal';
  reason: string;
}

export type Principal = StaffPrincipal | SystemPrincipal | InternalPrincipal;
