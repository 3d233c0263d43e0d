import type { Principal, StaffRole } from '../auth/principal.js';

/** The clinical roles: they review a suicide risk and may act on a risk to life. Not a caseworker, a reporter or a system. */
export const CLINICIAN_ROLES: ReadonlySet<StaffRole> = new Set<StaffRole>(['psychologist', 'psychiatrist', 'supervisor']);

export const CLINICIANS_IN_WORDS = 'a clinician (psychologist, psychiatrist or supervisor)';

export function isClinician(caller: Principal): boolean {
  return caller.kind === 'staff' && CLINICIAN_ROLES.has(caller.role);
}

/**
 * A data-migration client imports records as the legacy system held them (consent taken on paper, cases
 * long closed): the workflow of the work done in Hiwa does not apply to it. Everyone else goes through it.
 */
export function importsHistory(caller: Principal): boolean {
  return caller.kind === 'system' && caller.fullAccess === true;
}
