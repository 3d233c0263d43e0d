import type { Consent, Encounter, EpisodeOfCare, Flag, Observation, Patient, Practitioner, QuestionnaireResponse, Task } from '@medplum/fhirtypes';
import type { FhirClient } from '../api/fhir-client.js';
import { openTaskStatuses } from './open-tasks.js';
import { activeAlerts, type RiskAlert } from './risk-alerts.js';
import { scoreSeriesFrom, type ScoreSeries } from './score-series.js';
import { sessionTimeline, type SessionEntry } from './session-timeline.js';

export interface PatientRecord {
  patient: Patient;
  alerts: RiskAlert[];
  cases: EpisodeOfCare[];
  /** case managers, by `Practitioner/<id>` */
  practitioners: Map<string, Practitioner>;
  scores: ScoreSeries[];
  tasks: Task[];
  consents: Consent[];
  /** the consent forms filled in, newest first (each may yield several Consents, one per purpose) */
  consentForms: QuestionnaireResponse[];
  /** the services received, newest first, group meetings attended among them */
  sessions: SessionEntry[];
}

const CONSENT_FORM = 'https://hiwa.health/fhir/Questionnaire/CONSENT';

const SURVEY = 'http://terminology.hl7.org/CodeSystem/observation-category|survey';

/** Everything the patient page shows, fetched in parallel; the server leaves out what the caller may not see. */
export async function loadPatientRecord(fhir: FhirClient, patientId: string): Promise<PatientRecord> {
  const subject = `Patient/${patientId}`;
  const [patient, flags, cases, observations, tasks, consents, responses, sessions] = await Promise.all([
    fhir.read<Patient>('Patient', patientId),
    fhir.search<Flag>('Flag', { subject, _count: '100' }),
    fhir.search<EpisodeOfCare>('EpisodeOfCare', { patient: subject, status: 'planned,waitlist,active,onhold', _include: 'EpisodeOfCare:care-manager' }),
    fhir.search<Observation>('Observation', { subject, category: SURVEY, _sort: 'date', _count: '500' }),
    fhir.search<Task>('Task', { patient: subject, status: openTaskStatuses.join(','), _sort: '-authored-on', _count: '100' }),
    fhir.search<Consent>('Consent', { patient: subject, _count: '100' }),
    fhir.search<QuestionnaireResponse>('QuestionnaireResponse', { subject, _sort: '-authored', _count: '100', _elements: 'questionnaire,authored,status' }),
    // An attendance at a group meeting is `partOf` the meeting, whose subject is the Group: both come along.
    fhir.search<Encounter>('Encounter', { subject, _sort: '-date', _count: '50', _include: 'Encounter:part-of', '_include:iterate': 'Encounter:subject:Group' }),
  ]);
  const practitioners = new Map<string, Practitioner>();
  for (const resource of cases.included) {
    if (resource.resourceType === 'Practitioner' && resource.id) practitioners.set(`Practitioner/${resource.id}`, resource);
  }
  return {
    patient,
    alerts: activeAlerts(flags.matches),
    cases: cases.matches,
    practitioners,
    scores: scoreSeriesFrom(observations.matches),
    tasks: tasks.matches,
    consents: consents.matches,
    consentForms: responses.matches.filter((r) => r.questionnaire?.split('|')[0] === CONSENT_FORM),
    sessions: sessionTimeline(sessions.matches, sessions.included),
  };
}
