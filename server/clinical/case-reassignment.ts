import type { CareTeam, CareTeamParticipant, CodeableConcept, EpisodeOfCare, Practitioner, Reference, Task } from '@medplum/fhirtypes';

export const CARE_TEAM_ROLE_SYSTEM = 'https://hiwa.health/fhir/CodeSystem/care-team-role';

const CASE_MANAGER: CodeableConcept = { coding: [{ system: CARE_TEAM_ROLE_SYSTEM, code: 'case-manager', display: 'Case manager' }], text: 'Case manager' };

/** A case that someone still holds: the statuses in which it can be reassigned. */
export const REASSIGNABLE: ReadonlySet<EpisodeOfCare['status']> = new Set<EpisodeOfCare['status']>(['planned', 'waitlist', 'active', 'onhold']);

function isCaseManager(participant: CareTeamParticipant): boolean {
  return participant.role?.some((r) => r.coding?.some((c) => c.system === CARE_TEAM_ROLE_SYSTEM && c.code === 'case-manager')) ?? false;
}

/**
 * The case's care team after a reassignment: the case manager who held it stays in the team with their
 * period ended, the new one joins from now; other members are kept. A case without a team gets one.
 */
export function reassignedCareTeam(team: CareTeam | undefined, episode: EpisodeOfCare, to: Reference<Practitioner>, now: Date): CareTeam {
  const at = now.toISOString();
  const kept = (team?.participant ?? []).map((p) => (isCaseManager(p) && p.period?.end === undefined ? { ...p, period: { ...p.period, end: at } } : p));
  const base: CareTeam = team ?? {
    resourceType: 'CareTeam',
    status: 'active',
    name: 'Case team',
    subject: episode.patient,
    ...(episode.managingOrganization === undefined ? {} : { managingOrganization: [episode.managingOrganization] }),
  };
  return { ...base, participant: [...kept, { role: [CASE_MANAGER], member: to, period: { start: at } }] };
}

/** The case with its new case manager and its care team. */
export function reassignedCase(episode: EpisodeOfCare, to: Reference<Practitioner>, team: Reference<CareTeam>): EpisodeOfCare {
  const others = (episode.team ?? []).filter((t) => t.reference !== team.reference);
  return { ...episode, careManager: to, team: [team, ...others] };
}

/** An open Task of the case that the old case manager owned now belongs to the new one. */
export function handedOver(task: Task, to: Reference<Practitioner>): Task {
  return { ...task, owner: to };
}
