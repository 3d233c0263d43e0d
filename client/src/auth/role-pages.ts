import type { StaffRole } from './principal.js';

/** The client's areas. Which roles reach them mirrors the server's access policy; the server still decides. */
export type Area = 'my-work' | 'team' | 'caseload' | 'groups' | 'inbox' | 'urgent-tasks' | 'reports' | 'users';

// The first area is where a role lands after signing in: a caseworker on their own work, the psychiatrist
// on the referrals waiting for them, a supervisor on the team's work.
const areasByRole: Readonly<Record<StaffRole, readonly Area[]>> = {
  caseworker: ['my-work', 'caseload', 'groups'],
  psychologist: ['my-work', 'caseload', 'groups', 'inbox'],
  psychiatrist: ['inbox', 'caseload', 'my-work'],
  supervisor: ['team', 'caseload', 'urgent-tasks'],
  reporter: ['reports'],
  admin: ['users'],
};

const homeOfArea: Readonly<Record<Area, string>> = {
  'my-work': '/my-work',
  team: '/team',
  caseload: '/caseload',
  groups: '/groups',
  inbox: '/inbox',
  'urgent-tasks': '/urgent-tasks',
  reports: '/reports',
  users: '/users',
};

export function areasOf(role: StaffRole): readonly Area[] {
  return areasByRole[role];
}

export function mayUse(role: StaffRole, area: Area): boolean {
  return areasByRole[role].includes(area);
}

/** Where a role lands after signing in. */
export function homePathOf(role: StaffRole): string {
  const first = areasByRole[role][0];
  return first === undefined ? '/' : homeOfArea[first];
}

// Mirrors the server's `psy` of each role (server/auth/policy.ts): the record asks for diagnoses and
// consultations only for those who read them. The server still decides what each one gets.
const psyReaders: ReadonlySet<StaffRole> = new Set(['psychologist', 'psychiatrist', 'supervisor']);

/** Whether a role reads PSY-labelled content (diagnoses, consultation and counselling notes). */
export function readsPsy(role: StaffRole): boolean {
  return psyReaders.has(role);
}
