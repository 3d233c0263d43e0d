import type { CarePlan, Consent, Encounter, EpisodeOfCare, Flag, Observation, Patient, Practitioner, QuestionnaireResponse, Task } from '@medplum/fhirtypes';
import type { FhirClient } from '../api/fhir-client.js';
import { openTaskStatuses } from './open-tasks.js';
import { activeAlerts, type RiskAlert } from './risk-alerts.js';
import { recordedReviews, reviewTasksOf, whoWasTold, type RecordedReview } from './risk-review.js';
import { scoreSeriesFrom, type ScoreSeries } from './score-series.js';
import { recordTimeline, type TimelineEntry } from './record-timeline.js';
import { sessionTimeline } from './session-timeline.js';
import { loadStaffNames } from './staff-directory.js';
import { TASK_TYPE_SYSTEM } from './task-kinds.js';

export interface PatientRecord {
  patient: Patient;
  alerts: RiskAlert[];
  cases: EpisodeOfCare[];
  /** case managers, by `Practitioner/<id>` */
  practitioners: Map<string, Practitioner>;
  scores: ScoreSeries[];
  tasks: Task[];
  /** whether a safety plan is in force (the alert offers to review it rather than write one) */
  hasSafetyPlan: boolean;
  /** the suicide-risk reviews recorded, newest first */
  reviews: RecordedReview[];
  /** names of the staff the open review Tasks went to and of the reviewers, by reference */
  staffNames: Map<string, string>;
  consents: Consent[];
  /** the consent forms filled in, newest first (each may yield several Consents, one per purpose) */
  consentForms: QuestionnaireResponse[];
  /** what happened, newest first: sessions, forms filled, consents, referrals and tasks */
  timeline: TimelineEntry[];
}

const CONSENT_FORM = 'https://hiwa.health/fhir/Questionnaire/CONSENT';

const SURVEY = 'http://terminology.hl7.org/CodeSystem/observation-category|survey';
const SAFETY_PLAN_CATEGORY = 'https://hiwa.health/fhir/CodeSystem/care-plan-category|safety-plan';

/** Everything the patient page shows, fetched in parallel; the server leaves out what the caller may not see. */
export async function loadPatientRecord(fhir: FhirClient, patientId: string): Promise<PatientRecord> {
  const subject = `Patient/${patientId}`;
  const [patient, flags, cases, observations, tasks, consents, responses, plans, reviewed, sessions, referrals] = await Promise.all([
    fhir.read<Patient>('Patient', patientId),
    fhir.search<Flag>('Flag', { subject, _count: '100' }),
    fhir.search<EpisodeOfCare>('EpisodeOfCare', { patient: subject, status: 'planned,waitlist,active,onhold', _include: 'EpisodeOfCare:care-manager' }),
    fhir.search<Observation>('Observation', { subject, category: SURVEY, _sort: 'date', _count: '500' }),
    fhir.search<Task>('Task', { patient: subject, status: openTaskStatuses.join(','), _sort: '-authored-on', _count: '100' }),
    fhir.search<Consent>('Consent', { patient: subject, _count: '100' }),
    fhir.search<QuestionnaireResponse>('QuestionnaireResponse', { subject, _sort: '-authored', _count: '100', _elements: 'questionnaire,authored,status' }),
    fhir.search<CarePlan>('CarePlan', { patient: subject, category: SAFETY_PLAN_CATEGORY, status: 'active', _count: '1', _elements: 'status' }),
    fhir.search<Task>('Task', { patient: subject, code: `${TASK_TYPE_SYSTEM}|risk-review`, status: 'completed', _sort: '-authored-on', _count: '20' }),
    // An attendance at a group meeting is `partOf` the meeting, whose subject is the Group: both come along.
    fhir.search<Encounter>('Encounter', { subject, _sort: '-date', _count: '50', _include: 'Encounter:part-of', '_include:iterate': 'Encounter:subject:Group' }),
    // referrals whatever their state, for the timeline (the open ones are among `tasks` too)
    fhir.search<Task>('Task', { patient: subject, code: `${TASK_TYPE_SYSTEM}|referral`, _sort: '-authored-on', _count: '50' }),
  ]);
  const alerts = activeAlerts(flags.matches);
  const reviews = recordedReviews(reviewed.matches);
  const told = alerts.flatMap((alert) => whoWasTold(reviewTasksOf(alert, tasks.matches)));
  const staff = [...told.map((p) => p.reference), ...reviews.flatMap((r) => (r.author ? [r.author] : []))];
  const staffNames = await loadStaffNames(fhir, staff);
  const practitioners = new Map<string, Practitioner>();
  for (const resource of cases.included) {
    if (resource.resourceType === 'Practitioner' && resource.id) practitioners.set(`Practitioner/${resource.id}`, resource);
  }
  return {
    patient,
    alerts,
    cases: cases.matches,
    practitioners,
    scores: scoreSeriesFrom(observations.matches),
    tasks: tasks.matches,
    hasSafetyPlan: plans.matches.length > 0,
    reviews,
    staffNames,
    consents: consents.matches,
    consentForms: responses.matches.filter((r) => r.questionnaire?.split('|')[0] === CONSENT_FORM),
    timeline: recordTimeline({
      sessions: sessionTimeline(sessions.matches, sessions.included),
      responses: responses.matches,
      consents: consents.matches,
      tasks: [...tasks.matches, ...referrals.matches],
    }),
  };
}
