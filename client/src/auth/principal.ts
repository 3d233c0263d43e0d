import type { HttpClient } from '../api/http-client.js';

export const staffRoles = ['caseworker', 'psychologist', 'psychiatrist', 'supervisor', 'reporter', 'admin'] as const;
export type StaffRole = (typeof staffRoles)[number];

export interface NamedReference {
  id: string;
  name?: string;
}

/** The signed-in member of staff, as `GET /auth/me` describes them. */
export interface StaffPrincipal {
  kind: 'staff';
  userId: string;
  username: string;
  practitionerId: string;
  displayName: string;
  role: StaffRole;
  organization: NamedReference;
  sites: NamedReference[];
}

function isStaffPrincipal(value: unknown): value is StaffPrincipal {
  if (typeof value !== 'object' || value === null) return false;
  const me = value as Record<string, unknown>;
  return me.kind === 'staff' && typeof me.role === 'string' && (staffRoles as readonly string[]).includes(me.role);
}

/** Who holds the session; undefined for a principal the web client cannot serve (a system client). */
export async function fetchPrincipal(http: HttpClient): Promise<StaffPrincipal | undefined> {
  const me = await http.json<unknown>('/auth/me');
  return isStaffPrincipal(me) ? me : undefined;
}
