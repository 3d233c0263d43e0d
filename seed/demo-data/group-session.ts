import type { Group } from '@medplum/fhirtypes';
import { recordAttendance } from '../../server/clinical/record-attendance.js';
import { randomFor } from '../prng.js';
import type { DemoActor, DemoContext, DemoSite } from './context.js';
import type { Course } from './course.js';
import type { DemoStep } from './steps.js';
import { instant, MINUTE, plus, uuidFrom, workingTime } from './time.js';

/**
 * A women's group the caseworker runs at her site, and the guided group discussion it held twelve days ago,
 * recorded as the API's `Group/{id}/$record-attendance` records it: one Encounter for the meeting and one
 * per attendee (`partOf` the meeting's), since the programme counts a service per attendance.
 */
export function groupSession(courses: readonly Course[], context: DemoContext): DemoStep[] {
  const rnd = randomFor(context.seed, 'demo-group', 0);
  const at = workingTime(context.now, 12, rnd);
  const attendees = courses
    .filter((c) => c.person.clinician === 'caseworker' && c.person.registrar === 'caseworker' && c.person.caregiver === undefined)
    // the case transferred to the psychologist leaves the caseworker's group list
    .filter((c) => c.person.entry.registeredDaysAgo >= 20 && c.episode.status === 'active' && c.person.entry.story !== 'transfer')
    .slice(0, 6);
  const site = attendees[0]?.person.site;
  if (site === undefined) return [];
  const group: Group & { id: string } = { resourceType: 'Group', id: uuidFrom(rnd), type: 'person', actual: true, name: `Stress-management group, ${site.name}` };
  const topic = 'Monthly topic: stress and anger management';
  const meeting = groupMeeting(context, group, { at, actor: 'caseworker', site, topic, attendees, meetingId: uuidFrom(rnd) });
  return [{ kind: 'create', at: plus(at, -100 * MINUTE), actor: 'caseworker', resources: [group] }, meeting];
}

export interface MeetingFacts {
  /** when it ended */
  at: Date;
  actor: DemoActor;
  site: DemoSite;
  topic: string;
  attendees: readonly Course[];
  meetingId: string;
}

/** One ninety-minute guided group discussion at a site, recorded through `$record-attendance`'s use case. */
export function groupMeeting(context: DemoContext, group: Group & { id: string }, facts: MeetingFacts): DemoStep {
  const ids = { meeting: facts.meetingId, attendees: facts.attendees.map((c) => c.person.newId()) };
  const attendance = {
    period: { start: instant(plus(facts.at, -90 * MINUTE)), end: instant(facts.at) },
    serviceType: 'guided-group-discussion',
    modality: 'community-centre',
    location: facts.site.id,
    staff: [context.staff[facts.actor].principal.practitionerId],
    topic: facts.topic,
    attendees: facts.attendees.map((c) => c.person.patient.id),
  };
  return {
    kind: 'run',
    at: facts.at,
    actor: facts.actor,
    what: `the attendance of ${group.name ?? 'the group'}`,
    run: async (repo) => void (await recordAttendance(repo, group.id, attendance, ids)),
  };
}
