import type { Group } from '@medplum/fhirtypes';
import { recordAttendance } from '../../server/clinical/record-attendance.js';
import { randomFor } from '../prng.js';
import type { DemoContext } from './context.js';
import type { Course } from './course.js';
import { DEMO_SEED } from './people.js';
import type { DemoStep } from './steps.js';
import { instant, MINUTE, plus, uuidFrom, workingTime } from './time.js';

/**
 * A women's group the caseworker runs at her site, and the guided group discussion it held twelve days ago,
 * recorded as the API's `Group/{id}/$record-attendance` records it: one Encounter for the meeting and one
 * per attendee (`partOf` the meeting's), since the programme counts a service per attendance.
 */
export function groupSession(courses: readonly Course[], context: DemoContext): DemoStep[] {
  const rnd = randomFor(DEMO_SEED, 'demo-group', 0);
  const at = workingTime(context.now, 12, rnd);
  const attendees = courses
    .filter((c) => c.person.clinician === 'caseworker' && c.person.registrar === 'caseworker' && c.person.caregiver === undefined)
    // the case transferred to the psychologist leaves the caseworker's group list
    .filter((c) => c.person.entry.registeredDaysAgo >= 20 && c.episode.status === 'active' && c.person.entry.story !== 'transfer')
    .slice(0, 6);
  const site = attendees[0]?.person.site;
  if (site === undefined) return [];
  const group: Group & { id: string } = { resourceType: 'Group', id: uuidFrom(rnd), type: 'person', actual: true, name: `Stress-management group, ${site.name}` };
  const ids = { meeting: uuidFrom(rnd), attendees: attendees.map((c) => c.person.newId()) };
  const attendance = {
    period: { start: instant(plus(at, -90 * MINUTE)), end: instant(at) },
    serviceType: 'guided-group-discussion',
    modality: 'community-centre',
    location: site.id,
    staff: [context.staff.caseworker.principal.practitionerId],
    topic: 'Monthly topic: stress and anger management',
    attendees: attendees.map((c) => c.person.patient.id),
  };
  return [
    { kind: 'create', at: plus(at, -100 * MINUTE), actor: 'caseworker', resources: [group] },
    { kind: 'run', at, actor: 'caseworker', what: 'the attendance of the group discussion', run: async (repo) => void (await recordAttendance(repo, group.id, attendance, ids)) },
  ];
}
