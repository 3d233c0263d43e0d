import { randomFor } from '../prng.js';
import type { DemoContext } from './context.js';
import type { Course } from './course.js';
import { DEMO_SEED } from './people.js';
import { sessionEncounter } from './sessions.js';
import type { DemoStep } from './steps.js';
import { uuidFrom, workingTime } from './time.js';

/**
 * A guided group discussion the caseworker ran at her site twelve days ago: one Encounter for the group and
 * one per attendee (`partOf` the group's), since the programme counts a service per attendance.
 */
export function groupSession(courses: readonly Course[], context: DemoContext): DemoStep[] {
  const rnd = randomFor(DEMO_SEED, 'demo-group', 0);
  const at = workingTime(context.now, 12, rnd);
  const attendees = courses
    .filter((c) => c.person.clinician === 'caseworker' && c.person.registrar === 'caseworker' && c.person.caregiver === undefined)
    .filter((c) => c.person.entry.registeredDaysAgo >= 20 && c.episode.status === 'active')
    .slice(0, 6);
  const site = attendees[0]?.person.site;
  if (site === undefined) return [];
  const session = { at, actor: 'caseworker', service: 'guided-group-discussion', modality: 'community-centre', site, minutes: 90 } as const;
  const group = {
    ...sessionEncounter(context, { ...session, id: uuidFrom(rnd) }),
    reasonCode: [{ text: 'Monthly topic: stress and anger management' }],
  };
  const attendance = attendees.map((c) =>
    sessionEncounter(context, {
      ...session,
      id: c.person.newId(),
      subject: c.person.reference,
      episodeOfCare: c.episode.id,
      partOf: group.id,
    }),
  );
  return [{ kind: 'create', at, actor: 'caseworker', resources: [group, ...attendance] }];
}
