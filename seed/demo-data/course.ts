import type { Encounter, QuestionnaireResponse } from '@medplum/fhirtypes';
import { approveClosure, assignedCase, closureRequest, followUpTask, openCase, type DemoCase } from './cases.js';
import { caseManagementResponse } from './case-management-form.js';
import { consentForm, withdrawConsent } from './consents.js';
import { practitioner, type DemoActor, type DemoContext } from './context.js';
import type { DemoPerson } from './people.js';
import { screeningResponses, type ScreeningChoice } from './screenings.js';
import { sessionEncounter, type Modality } from './sessions.js';
import type { DemoStep } from './steps.js';
import { after, DAY, HOUR, MINUTE, plus, workingTime } from './time.js';

/** How a story bends the usual course of a case. */
export interface CourseShape {
  /** answers to the critical items at intake */
  intakeChoice?: ScreeningChoice;
  /** weekly sessions rather than every two to three weeks */
  weekly?: boolean;
  /** re-screen after this many days (default 40) */
  screeningEveryDays?: number;
  /** Problem Management Plus: this many weekly sessions, then the case is closed */
  pmPlusSessions?: number;
  /** the usual sessions stop this many days before now, leaving room for the story's own visit */
  quietDays?: number;
  /** this many sessions, then a closing visit and the case is closed (as after PM+) */
  closeAfterSessions?: number;
}

/** A visit: the session's Encounter and the forms filled in there. */
export interface Visit {
  at: Date;
  actor: DemoActor;
  encounter: Encounter & { id: string };
  responses: QuestionnaireResponse[];
}

export interface Course {
  person: DemoPerson;
  /** the case as it stands at the end */
  episode: DemoCase;
  intake: Visit;
  followUps: Visit[];
  steps: DemoStep[];
}

/**
 * One person's record over time: registration (consent, case, intake session, screenings), assignment of the
 * case if someone else is to hold it, sessions with whoever holds it with re-screening every month or two,
 * and then either a closure or, for some, a follow-up Task. Distress eases as `monthlyImprovement` says.
 */
export function personCourse(person: DemoPerson, context: DemoContext, shape: CourseShape = {}): Course {
  const { rnd, entry } = person;
  const registered = workingTime(context.now, entry.registeredDaysAgo, rnd);
  const consent = consentForm(person, context, registered);
  const opened = openCase(person, context, registered);
  const intake = visit(person, context, { at: registered, actor: person.registrar, service: intakeService(person.registrar), episode: opened });
  const intakeFacts = { person, author: practitioner(context, person.registrar), at: registered, encounterId: intake.encounter.id };
  intake.responses.push(
    ...(entry.caseManagementForm ? [caseManagementResponse(intakeFacts, shape.intakeChoice?.phq9Item9 !== undefined)] : []),
    ...screeningResponses(intakeFacts, person.severity, shape.intakeChoice),
  );
  const caregiver = person.caregiver === undefined ? [] : [person.caregiver];
  const steps: DemoStep[] = [
    {
      kind: 'create',
      at: registered,
      actor: person.registrar,
      resources: [person.patient, ...caregiver, consent, opened, intake.encounter, ...intake.responses],
    },
  ];

  let episode = opened;
  let last = registered;
  if (entry.transferredTo !== undefined) {
    last = after(last, workingTime(context.now, entry.registeredDaysAgo - rnd.int(1, 2), rnd));
    episode = assignedCase(episode, context, entry.transferredTo, last);
    steps.push({ kind: 'update', at: last, actor: 'supervisor', resource: episode });
  }
  if (entry.doh === 'withdrawn' && person.clinician !== undefined) {
    const at = after(last, workingTime(context.now, Math.round(entry.registeredDaysAgo / 2), rnd));
    steps.push({ kind: 'run', at, actor: person.clinician, what: 'the withdrawal of the Directorate-of-Health consent', run: withdrawConsent(person, 'doh-exchange') });
  }
  const course: Course = { person, episode, intake, followUps: [], steps };
  if (person.clinician !== undefined) followUp(course, context, shape, person.clinician, last);
  return course;
}

/**
 * The sessions of whoever holds the case, from `from` until shortly before now (or, for PM+, the closing
 * visit after the last session), then maybe a follow-up Task they set themselves.
 */
function followUp(course: Course, context: DemoContext, shape: CourseShape, clinician: DemoActor, from: Date): void {
  const { person } = course;
  const { rnd, entry } = person;
  const end = context.now.getTime() - (shape.quietDays ?? 1) * DAY;
  const pmPlus = shape.pmPlusSessions;
  const sessions = pmPlus ?? shape.closeAfterSessions;
  const author = practitioner(context, clinician);
  let last = from;
  let lastScreening = course.intake.at;
  let lastSrq20 = course.intake.at;
  for (let n = 1; sessions === undefined || n <= sessions + 1; n++) {
    const gap = shape.weekly || pmPlus !== undefined ? 7 : rnd.int(14, 24);
    const at = after(last, workingTime(context.now, entry.registeredDaysAgo - n * gap + rnd.int(-1, 1), rnd), 2 * HOUR);
    if (at.getTime() > end) break;
    const closing = sessions !== undefined && n === sessions + 1;
    const service = closing ? { code: 'emotional-support' } : pmPlus !== undefined ? { code: 'pm-plus' } : followUpService(person, clinician, n);
    const pmPlusSession = service.code === 'pm-plus' ? n : undefined;
    const session = visit(person, context, { at, actor: clinician, service: service.code, modality: service.modality, episode: course.episode, pmPlusSession });
    if (closing || at.getTime() - lastScreening.getTime() >= (shape.screeningEveryDays ?? 40) * DAY) {
      // PHQ-9 follows the course; the longer SRQ-20 is repeated every two or three months and at closure.
      const srq20 = closing || at.getTime() - lastSrq20.getTime() >= 75 * DAY;
      const facts = { person, author, at, encounterId: session.encounter.id };
      session.responses.push(...screeningResponses(facts, severityAt(person, course.intake.at, at), srq20 ? {} : { only: 'PHQ9' }));
      lastScreening = at;
      if (srq20) lastSrq20 = at;
    }
    course.steps.push({ kind: 'create', at, actor: clinician, resources: [session.encounter, ...session.responses] });
    course.followUps.push(session);
    last = at;
    if (closing) {
      const { outcome, reason } = closure(person, pmPlus !== undefined);
      const request = closureRequest(course.episode, person, context, clinician, plus(at, 5 * MINUTE), outcome, reason);
      course.steps.push({ kind: 'create', at: plus(at, 5 * MINUTE), actor: clinician, resources: [request] });
      course.steps.push({ kind: 'run', at: plus(at, DAY), actor: 'supervisor', what: 'the approval of the closure', run: approveClosure(request.id) });
      course.episode = { ...course.episode, status: 'finished' };
    }
  }
  if (course.episode.status === 'active' && rnd.chance(0.35)) {
    const what = rnd.pick(followUpTasks);
    // Mostly due in the coming days; a few already overdue, as on any real list.
    const due = new Date(Math.max(plus(last, 2 * DAY).getTime(), plus(context.now, rnd.int(-4, 10) * DAY).getTime()));
    const task = followUpTask(person, context, clinician, last, due, what);
    course.steps.push({ kind: 'create', at: plus(last, 10 * MINUTE), actor: clinician, resources: [task] });
  }
}

/** Why a case closes: goals met for most; someone whose distress hardly eased is referred on to specialised care. */
function closure(person: DemoPerson, pmPlus: boolean): { outcome: string; reason: 'goals-met' | 'referred-on' } {
  if (pmPlus) return { outcome: 'Completed five PM+ sessions; PHQ-9 well below where it started, managing daily tasks again.', reason: 'goals-met' };
  if (person.monthlyImprovement < 0.05) {
    return { outcome: 'Little change in distress after the sessions agreed; referred on to the specialised mental health service.', reason: 'referred-on' };
  }
  return { outcome: 'Goals of the case plan met; distress much lower than at intake and coping well.', reason: 'goals-met' };
}

const followUpTasks = [
  'Follow-up phone call: how are the breathing exercises going?',
  'Home visit to check on the family',
  'Check the livelihood referral was taken up',
];

/** Distress at `at`: eased month by month since intake, with a little noise from one visit to the next. */
function severityAt(person: DemoPerson, intake: Date, at: Date): number {
  const months = (at.getTime() - intake.getTime()) / (30 * DAY);
  return Math.max(0.04, person.severity * (1 - person.monthlyImprovement) ** months + (person.rnd.next() - 0.5) * 0.06);
}

interface VisitFacts {
  at: Date;
  actor: DemoActor;
  service: string;
  modality?: Modality;
  episode: DemoCase;
  pmPlusSession?: number;
}

function visit(person: DemoPerson, context: DemoContext, facts: VisitFacts): Visit {
  const encounter = sessionEncounter(context, {
    id: person.newId(),
    at: facts.at,
    actor: facts.actor,
    service: facts.service,
    modality: facts.modality ?? person.profile.modality,
    site: person.site,
    subject: person.reference,
    episodeOfCare: facts.episode.id,
    pmPlusSession: facts.pmPlusSession,
  });
  return { at: facts.at, actor: facts.actor, encounter, responses: [] };
}

function intakeService(actor: DemoActor): string {
  return actor === 'psychologist' ? 'psychological-consultation' : 'pfa';
}

/** What the n-th session after intake is, by who holds the case and whether the person is a child. */
function followUpService(person: DemoPerson, actor: DemoActor, n: number): { code: string; modality?: Modality } {
  const child = person.caregiver !== undefined;
  if (actor === 'psychologist') {
    return child && n % 2 === 0 ? { code: 'family-psychoeducation' } : { code: 'individual-counselling' };
  }
  if (child) return { code: n % 2 === 0 ? 'caregiver-support' : 'emotional-support' };
  if (n === 2 && person.index % 3 === 0) return { code: 'referral-basic-services' };
  if (n % 4 === 3) return { code: 'remote-pfa', modality: 'remote-phone' };
  if (n % 5 === 4) return { code: 'emotional-support', modality: 'outreach-visit' };
  return { code: 'emotional-support' };
}
