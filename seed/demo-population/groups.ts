import type { Group } from '@medplum/fhirtypes';
import { randomFor } from '../prng.js';
import type { DemoContext, TeamActor } from '../demo-data/context.js';
import type { Course } from '../demo-data/course.js';
import { groupMeeting } from '../demo-data/group-session.js';
import type { DemoStep } from '../demo-data/steps.js';
import { DAY, plus, uuidFrom, workingTime } from '../demo-data/time.js';
import { POPULATION_DAYS } from './population.js';

/** Every four weeks, as the programme's group activities ran; up to this many attendees a meeting. */
const MEETING_EVERY_DAYS = 28;
const MAX_ATTENDEES = 12;

const topics = [
  'Stress and anger management',
  'Sleep and relaxation: breathing exercises',
  'Coping with loss and grief',
  'Parenting under pressure',
  'Problem solving for daily worries',
  'Living with displacement: routines that help',
];

/**
 * A psychosocial support group each governorate caseworker runs at the site where most of their clients
 * are, meeting every four weeks over the demo's eighteen months: the adults of their caseload whose case
 * was open that day attend (recorded as `$record-attendance` records it, one Encounter per attendee).
 */
export function populationGroups(courses: readonly Course[], context: DemoContext): DemoStep[] {
  return context.team
    .filter((actor): actor is TeamActor => actor.startsWith('caseworker.'))
    .flatMap((caseworker, g) => groupOf(caseworker, g, courses, context));
}

function groupOf(caseworker: TeamActor, index: number, courses: readonly Course[], context: DemoContext): DemoStep[] {
  const mine = courses.filter((c) => c.person.clinician === caseworker && c.person.caregiver === undefined);
  const bySite = new Map<string, Course[]>();
  for (const c of mine) bySite.set(c.person.site.name, [...(bySite.get(c.person.site.name) ?? []), c]);
  const [members] = [...bySite.values()].sort((a, b) => b.length - a.length);
  const site = members?.[0]?.person.site;
  if (site === undefined) return [];
  const rnd = randomFor(context.seed, 'demo-population-group', index);
  const group: Group & { id: string } = { resourceType: 'Group', id: uuidFrom(rnd), type: 'person', actual: true, name: `Psychosocial support group, ${site.name}` };
  const first = workingTime(context.now, POPULATION_DAYS - 14, rnd);
  const steps: DemoStep[] = [{ kind: 'create', at: plus(first, -2 * DAY), actor: caseworker, resources: [group] }];
  for (let daysAgo = POPULATION_DAYS - 14, meeting = 0; daysAgo > 2; daysAgo -= MEETING_EVERY_DAYS, meeting++) {
    const at = workingTime(context.now, daysAgo, rnd);
    const attendees = members.filter((c) => inCareOn(c, at)).slice(0, MAX_ATTENDEES);
    if (attendees.length < 3) continue;
    const topic = `Monthly topic: ${topics[meeting % topics.length]}`;
    steps.push(groupMeeting(context, group, { at, actor: caseworker, site, topic, attendees, meetingId: uuidFrom(rnd) }));
  }
  return steps;
}

/** Registered before the meeting, and the case not yet closed then (a closed case's last visit is its closing one). */
function inCareOn(course: Course, at: Date): boolean {
  if (course.intake.at.getTime() >= at.getTime() - DAY) return false;
  const last = course.followUps.at(-1)?.at ?? course.intake.at;
  return course.episode.status !== 'finished' || last.getTime() > at.getTime();
}
