import type { Patient, QuestionnaireResponse, Task } from '@medplum/fhirtypes';
import { duplicateReviewTask } from '../../server/clinical/duplicate-review-task.js';
import { taskTypeCode } from '../../server/clinical/workflow-codes.js';
import { REGISTRATION_SITE_URL } from '../../server/store/patient-access.js';
import { closureRequest } from './cases.js';
import { practitioner, type DemoActor, type DemoContext } from './context.js';
import type { Course, CourseShape } from './course.js';
import { psychiatricDiagnosis, PSY } from './psychiatry.js';
import { accepted, completed, inProgress, referral, rejected, type Referral } from './referrals.js';
import { reviewRiskAlerts, safetyPlanResponse } from './risk-review.js';
import type { Story } from './roster.js';
import { screeningResponses, type ScreeningChoice } from './screenings.js';
import { sessionEncounter } from './sessions.js';
import type { DemoStep } from './steps.js';
import { after, DAY, HOUR, instant, MINUTE, plus, workingTime } from './time.js';

/** How each story bends the usual course of the case. */
export function storyShape(story: Story | undefined): CourseShape {
  switch (story) {
    case 'risk-reviewed':
      return { intakeChoice: { phq9Item9: 1 }, weekly: true, screeningEveryDays: 13 };
    case 'risk-yesterday':
    case 'risk-today':
      return { quietDays: 3 };
    case 'referral-pending':
      return { quietDays: 8 };
    case 'referral-from-partner':
      return { quietDays: 2 };
    case 'referral-rejected':
      return { quietDays: 6 };
    case 'transfer':
      return { quietDays: 5 };
    case 'closed':
      return { pmPlusSessions: 5 };
    default:
      return {};
  }
}

/** What happens in a story beyond the usual course. */
export function storySteps(course: Course, context: DemoContext): DemoStep[] {
  switch (course.person.entry.story) {
    case 'risk-reviewed':
      return reviewedRisk(course, context);
    case 'risk-yesterday':
      // A quick SRQ-20 at a follow-up visit: item 17 answered Yes, and nobody has reviewed it yet.
      return [riskVisit(course, context, workingTime(context.now, 1, course.person.rnd), { only: 'SRQ20', srq20Item17: true })];
    case 'risk-today':
      return [riskVisit(course, context, plus(context.now, -2 * HOUR), { only: 'PHQ9', phq9Item9: 2 })];
    case 'referral-pending':
      return [pendingReferral(course, context)];
    case 'referral-from-partner':
      return [partnerReferral(course, context)];
    case 'referral-rejected':
      return rejectedReferral(course, context);
    case 'transfer':
      return transfer(course, context);
    case 'closure-pending':
      return [pendingClosure(course, context)];
    case 'possible-duplicate':
      return secondRegistration(course, context);
    default:
      return [];
  }
}

/**
 * Suicidal thoughts at intake (PHQ-9 item 9): the psychologist sees the person the same day, closes the alert,
 * makes a safety plan and refers to the psychiatrist, who accepts the next day, sees the person and
 * diagnoses a moderate depressive episode (ICD-10 F32.1, PSY).
 */
function reviewedRisk(course: Course, context: DemoContext): DemoStep[] {
  const { person, intake } = course;
  const psychologist = practitioner(context, 'psychologist');
  const psychiatrist = practitioner(context, 'psychiatrist');
  const review = plus(intake.at, 90 * MINUTE);
  const phq9 = responseTo(intake.responses, 'PHQ9');
  const rapid = sessionEncounter(context, {
    id: person.newId(),
    at: review,
    actor: 'psychologist',
    service: 'rapid-intervention',
    modality: person.profile.modality,
    site: person.site,
    subject: person.reference,
    episodeOfCare: course.episode.id,
  });
  const caseManager = practitioner(context, person.registrar);
  const plan = safetyPlanResponse(person, psychologist, caseManager, review);
  const sent = referral(person, {
    at: review,
    from: psychologist,
    to: psychiatrist,
    service: 'psychiatric-consultation',
    priority: 'urgent',
    reason: 'Moderately severe depressive symptoms with thoughts of being better off dead; assessment for treatment.',
    supportingInfo: [{ reference: `QuestionnaireResponse/${phq9.id}` }],
    encounterId: rapid.id,
  });
  const acceptedAt = after(review, workingTime(context.now, person.entry.registeredDaysAgo - 1, person.rnd), HOUR);
  const consulted = after(acceptedAt, workingTime(context.now, person.entry.registeredDaysAgo - 4, person.rnd), HOUR);
  const consultation = sessionEncounter(context, {
    id: person.newId(),
    at: consulted,
    actor: 'psychiatrist',
    service: 'psychiatric-consultation',
    modality: 'community-centre',
    site: person.site,
    subject: person.reference,
    episodeOfCare: course.episode.id,
    minutes: 40,
    security: [PSY],
  });
  const diagnosis = psychiatricDiagnosis(
    { id: person.newId(), subject: person.reference, encounterId: consultation.id, psychiatrist, at: consulted, onset: plus(consulted, -90 * DAY) },
    { code: 'F32.1', display: 'Moderate depressive episode' },
  );
  const outcome = 'Seen; moderate depressive episode. Counselling continues with the caseworker and psychologist; review in four weeks.';
  const started = inProgress(accepted(sent.task, acceptedAt), consulted);
  const done = completed({ ...sent, task: started }, plus(consulted, 10 * MINUTE), outcome);
  return [
    {
      kind: 'run',
      at: review,
      actor: 'psychologist',
      what: 'the review of the suicide-risk alerts',
      run: reviewRiskAlerts(person.reference, 'Seen the same day: passive thoughts, no plan. Safety plan made; urgent psychiatric referral.'),
    },
    { kind: 'create', at: plus(review, MINUTE), actor: 'psychologist', resources: [rapid, plan, sent.request, sent.task] },
    { kind: 'update', at: acceptedAt, actor: 'psychiatrist', resource: accepted(sent.task, acceptedAt) },
    { kind: 'update', at: consulted, actor: 'psychiatrist', resource: started },
    { kind: 'create', at: consulted, actor: 'psychiatrist', resources: [consultation, diagnosis] },
    { kind: 'update', at: plus(consulted, 10 * MINUTE), actor: 'psychiatrist', resource: done.request },
    { kind: 'update', at: plus(consulted, 10 * MINUTE), actor: 'psychiatrist', resource: done.task },
    // A week after the consultation the psychologist revises the plan with the person: the first one is replaced.
    { kind: 'create', at: plus(consulted, 7 * DAY), actor: 'psychologist', resources: [safetyPlanResponse(person, psychologist, caseManager, plus(consulted, 7 * DAY), true)] },
  ];
}

/** A follow-up visit by whoever holds the case, at which a critical item is answered: the rules raise the alert. */
function riskVisit(course: Course, context: DemoContext, at: Date, choice: ScreeningChoice): DemoStep {
  const { person, episode } = course;
  const actor = person.clinician ?? person.registrar;
  const session = sessionEncounter(context, {
    id: person.newId(),
    at,
    actor,
    service: actor === 'psychologist' ? 'individual-counselling' : 'emotional-support',
    modality: person.profile.modality,
    site: person.site,
    subject: person.reference,
    episodeOfCare: episode.id,
  });
  const author = practitioner(context, actor);
  const severity = Math.min(0.8, person.severity + 0.05);
  const responses = screeningResponses({ person, author, at, encounterId: session.id }, severity, choice);
  return { kind: 'create', at, actor, resources: [session, ...responses] };
}

/** No improvement after several counselling sessions: the psychologist refers to the psychiatrist, who has not answered yet. */
function pendingReferral(course: Course, context: DemoContext): DemoStep {
  const { person } = course;
  // a week ago: past its two working days to answer, whatever day of the week it is now
  const at = workingTime(context.now, 7, person.rnd);
  const lastPhq9 = [course.intake, ...course.followUps].flatMap((v) => v.responses).filter((r) => isResponseTo(r, 'PHQ9')).at(-1);
  const sent = referral(person, {
    at,
    from: practitioner(context, 'psychologist'),
    to: practitioner(context, 'psychiatrist'),
    service: 'psychiatric-consultation',
    priority: 'routine',
    reason: `No improvement after ${course.followUps.length + 1} counselling sessions (PHQ-9 unchanged); assessment for medication.`,
    ...(lastPhq9 === undefined ? {} : { supportingInfo: [{ reference: `QuestionnaireResponse/${lastPhq9.id}` }] }),
  });
  return { kind: 'create', at, actor: 'psychologist', resources: [sent.request, sent.task] };
}

/**
 * The partner CSO has no psychiatrist: its caseworker refers one of its beneficiaries (who agreed to share
 * with the programme) to the programme's psychiatrist yesterday. The psychiatrist, of another organisation,
 * sees the referral, its summary and the person, nothing else of the partner's records, until it closes.
 */
function partnerReferral(course: Course, context: DemoContext): DemoStep {
  const reason = 'Nightmares and no sleep since returning to Sinjar; PHQ-9 high after six sessions. No psychiatrist in our team.';
  const { at, sent } = routineToPsychiatrist(course, context, 'partner.caseworker', 1, reason);
  return { kind: 'create', at, actor: 'partner.caseworker', resources: [sent.request, sent.task] };
}

/** A routine referral to the psychiatrist, made `workingDaysAgo` working days ago. */
function routineToPsychiatrist(course: Course, context: DemoContext, from: DemoActor, workingDaysAgo: number, reason: string): { at: Date; sent: Referral } {
  const at = workingTime(context.now, workingDaysAgo, course.person.rnd);
  const sent = referral(course.person, { at, from: practitioner(context, from), to: practitioner(context, 'psychiatrist'), service: 'psychiatric-consultation', priority: 'routine', reason });
  return { at, sent };
}

/** The caseworker refers to the psychiatrist; the psychiatrist declines the next working day, saying why. */
function rejectedReferral(course: Course, context: DemoContext): DemoStep[] {
  const { person } = course;
  const { at, sent } = routineToPsychiatrist(course, context, 'caseworker', 5, 'Low mood and poor sleep for two months; asks about medication.');
  const answered = after(at, workingTime(context.now, 4, person.rnd), HOUR);
  const reason = 'Not for psychiatry yet: moderate symptoms, no risk. Start PM+ with the caseworker and refer again if no change after five sessions.';
  return [
    { kind: 'create', at, actor: 'caseworker', resources: [sent.request, sent.task] },
    { kind: 'update', at: answered, actor: 'psychiatrist', resource: rejected(sent.task, answered, reason) },
  ];
}

/** The caseworker asks to hand the case to the psychologist (a transfer Task); the psychologist accepts and holds it. */
function transfer(course: Course, context: DemoContext): DemoStep[] {
  const { person, episode } = course;
  const at = workingTime(context.now, 4, person.rnd);
  const task: Task & { id: string } = {
    resourceType: 'Task',
    id: person.newId(),
    status: 'requested',
    intent: 'order',
    priority: 'routine',
    code: taskTypeCode('transfer'),
    description: 'Transfer: counselling is needed that the caseworker cannot give; the mobile team covers the family.',
    focus: { reference: `EpisodeOfCare/${episode.id}` },
    for: person.reference,
    authoredOn: instant(at),
    requester: practitioner(context, 'caseworker'),
    owner: practitioner(context, 'psychologist'),
    reasonCode: { text: 'Needs individual counselling' },
  };
  const acceptedAt = after(at, workingTime(context.now, 3, person.rnd), HOUR);
  return [
    { kind: 'create', at, actor: 'caseworker', resources: [task] },
    { kind: 'update', at: acceptedAt, actor: 'psychologist', resource: { ...task, status: 'accepted', lastModified: instant(acceptedAt) } },
  ];
}

/** Goals met: the caseworker asks to close the case; it stays open, in the supervisor's approvals, until one approves. */
function pendingClosure(course: Course, context: DemoContext): DemoStep {
  const { person } = course;
  const at = workingTime(context.now, 1, person.rnd);
  const outcome = 'Goals met: sleeping and working again, PHQ-9 in the minimal range at the last two visits.';
  return { kind: 'create', at, actor: 'caseworker', resources: [closureRequest(course.episode, person, context, 'caseworker', at, outcome)] };
}

/**
 * The person comes to Qadia camp and the caseworker registers them again, without their phone number: two
 * records of one person in the same programme, which Patient/$match finds and a supervisor may merge.
 * The supervisors get a review Task, as Patient/$match gives them for a match the caseworker could not see.
 */
function secondRegistration(course: Course, context: DemoContext): DemoStep[] {
  const { person } = course;
  const qadia = context.sites.get('Qadia camp');
  if (qadia === undefined) throw new Error('demo data: no demo site named Qadia camp');
  const at = workingTime(context.now, 2, person.rnd);
  const { identifier: _caseNumber, telecom: _phone, ...registered } = person.patient;
  const again: Patient & { id: string } = {
    ...registered,
    id: person.newId(),
    extension: (person.patient.extension ?? []).map((e) =>
      e.url === REGISTRATION_SITE_URL ? { url: REGISTRATION_SITE_URL, valueReference: { reference: `Location/${qadia.id}`, display: qadia.name } } : e,
    ),
  };
  const review = duplicateReviewTask({ patientId: person.patient.id, requester: practitioner(context, 'caseworker'), supervisors: [], now: plus(at, MINUTE) });
  return [
    { kind: 'create', at, actor: 'caseworker', resources: [again] },
    { kind: 'create', at: plus(at, MINUTE), actor: 'supervisor', resources: [{ ...review, id: person.newId(), description: `Registered again at ${qadia.name} with the same name and birth date: possibly the same person. Check with the caseworker who registered them there.` }] },
  ];
}

function isResponseTo(response: QuestionnaireResponse, name: string): boolean {
  return response.questionnaire?.includes(`/Questionnaire/${name}|`) ?? false;
}

function responseTo(responses: QuestionnaireResponse[], name: string): QuestionnaireResponse {
  const found = responses.find((r) => isResponseTo(r, name));
  if (found === undefined) throw new Error(`demo data: no ${name} response at this visit`);
  return found;
}
