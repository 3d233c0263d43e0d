import type { StaffRole } from './principal.js';

/** The client's areas. Which roles reach them mirrors the server's access policy; the server still decides. */
export type Area = 'caseload' | 'urgent-tasks' | 'reports' | 'users';

const areasByRole: Readonly<Record<StaffRole, readonly Area[]>> = {
  caseworker: ['caseload'],
  psychologist: ['caseload'],
  psychiatrist: ['caseload'],
  supervisor: ['caseload', 'urgent-tasks'],
  reporter: ['reports'],
  admin: ['users'],
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
  switch (first) {
    case 'caseload':
      return '/caseload';
    case 'urgent-tasks':
      return '/urgent-tasks';
    case 'reports':
      return '/reports';
    case 'users':
      return '/users';
    case undefined:
      return '/';
  }
}
