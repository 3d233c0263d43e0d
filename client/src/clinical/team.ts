import type { Bundle, EpisodeOfCare, Parameters, Task } from '@medplum/fhirtypes';
import type { FhirClient } from '../api/fhir-client.js';
import type { StaffRole } from '../auth/principal.js';
import { isOverdue, openTaskStatuses } from './open-tasks.js';
import { loadStaff, type StaffMember } from './staff-directory.js';

/** The roles that hold cases (an EpisodeOfCare's care manager): in the supervisor's organisation, the team they oversee. */
export const caseHoldingRoles: readonly StaffRole[] = ['caseworker', 'psychologist'];

/** One line of the team's caseload: who, how many cases they hold, how much of their work is overdue. */
export interface WorkerLoad {
  member: StaffMember;
  activeCases: number;
  overdueTasks: number;
}

/**
 * The caseload per worker: each member with their active-case count and their overdue tasks (by Task.owner,
 * as a Practitioner), those with the most overdue first, then by name. Pure: counts come from the server.
 */
export function caseloadPerWorker(members: readonly StaffMember[], activeCases: ReadonlyMap<string, number>, tasks: readonly Task[], now: Date): WorkerLoad[] {
  const overdue = new Map<string, number>();
  for (const task of tasks) {
    const owner = task.owner?.reference;
    if (!owner?.startsWith('Practitioner/') || !isOverdue(task, now)) continue;
    overdue.set(owner, (overdue.get(owner) ?? 0) + 1);
  }
  return members
    .map((member) => ({
      member,
      activeCases: activeCases.get(member.practitionerId) ?? 0,
      overdueTasks: overdue.get(`Practitioner/${member.practitionerId}`) ?? 0,
    }))
    .sort((a, b) => b.overdueTasks - a.overdueTasks || a.member.name.localeCompare(b.member.name));
}

/** The team's open tasks that are past their deadline, the oldest deadline first (search parameter `due`). */
export async function loadOverdueTasks(fhir: FhirClient, now: Date): Promise<Task[]> {
  const { matches } = await fhir.search<Task>('Task', { status: openTaskStatuses.join(','), due: `lt${now.toISOString()}`, _sort: 'due', _count: '200' });
  return matches;
}

/** Each case holder's number of active cases: one count-only search per member, all at once. */
async function loadActiveCaseCounts(fhir: FhirClient, members: readonly StaffMember[]): Promise<Map<string, number>> {
  const counts = await Promise.all(
    members.map(async (member) => {
      const { total } = await fhir.search<EpisodeOfCare>('EpisodeOfCare', { 'care-manager': `Practitioner/${member.practitionerId}`, status: 'active', _summary: 'count' });
      return [member.practitionerId, total ?? 0] as const;
    }),
  );
  return new Map(counts);
}

export interface TeamLoad {
  members: StaffMember[];
  workers: WorkerLoad[];
  overdue: Task[];
  now: Date;
}

/** The team of an organisation (a case is reassigned only within it): who they are, their load, their overdue work. */
export async function loadTeamLoad(fhir: FhirClient, organizationId: string): Promise<TeamLoad> {
  const now = new Date();
  const [members, overdue] = await Promise.all([loadStaff(fhir, caseHoldingRoles, organizationId), loadOverdueTasks(fhir, now)]);
  const counts = await loadActiveCaseCounts(fhir, members);
  return { members, workers: caseloadPerWorker(members, counts, overdue, now), overdue, now };
}

/** A worker's active cases, with the people they are about. */
export async function loadWorkerCases(fhir: FhirClient, practitionerId: string): Promise<EpisodeOfCare[]> {
  const { matches } = await fhir.search<EpisodeOfCare>('EpisodeOfCare', { 'care-manager': `Practitioner/${practitionerId}`, status: 'active', _count: '500' });
  return matches;
}

/** The input of `EpisodeOfCare/{id}/$reassign`: who takes the case and, for the audit trail, why. */
export function reassignParameters(toPractitionerId: string, reason: string): Parameters {
  return {
    resourceType: 'Parameters',
    parameter: [
      { name: 'careManager', valueReference: { reference: `Practitioner/${toPractitionerId}` } },
      ...(reason.trim() ? [{ name: 'reason', valueString: reason.trim() }] : []),
    ],
  };
}

export function reassignCase(fhir: FhirClient, episodeId: string, toPractitionerId: string, reason: string): Promise<Bundle> {
  return fhir.operation<Bundle>(`EpisodeOfCare/${encodeURIComponent(episodeId)}/$reassign`, reassignParameters(toPractitionerId, reason));
}
