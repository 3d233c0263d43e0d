import type { Annotation, Bundle, BundleEntry, CodeSystem, Coding, Condition, Encounter, Task } from '@medplum/fhirtypes';
import serviceTypes from '../../../fhir-profiles/CodeSystem-service-type.json' with { type: 'json' };
import type { StaffRole } from '../auth/principal.js';
import type { MessageKey } from '../i18n/messages-en.js';
import { ICD10_SYSTEM, type Icd10Code } from './icd10.js';
import { movedTask } from './referrals.js';
import { sessionModalities } from './service-session.js';

export const CONSULTATION_NOTE_URL = 'https://hiwa.health/fhir/StructureDefinition/consultation-note';
const ACT_CODE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const MODALITY_SYSTEM = 'https://hiwa.health/fhir/CodeSystem/modality';
/** The label the server reads for psychiatric content (server/clinical/service-encounter.ts); it adds it too. */
export const PSY_LABEL: Coding = { system: ACT_CODE_SYSTEM, code: 'PSY', display: 'psychiatry information sensitivity' };
const serviceTypeSystem = serviceTypes as CodeSystem;

/** The consultations of Hiwa's catalogue (layer 4): a psychiatrist's, and a psychologist's. */
export const CONSULTATION_SERVICES = ['psychiatric-consultation', 'psychological-consultation'] as const;
export type ConsultationService = (typeof CONSULTATION_SERVICES)[number];

/** Who writes consultations and diagnoses from the record; the server decides, this only offers the page. */
export const consultingRoles: ReadonlySet<StaffRole> = new Set(['psychiatrist', 'psychologist']);

export const serviceOfRole = (role: StaffRole): ConsultationService => (role === 'psychiatrist' ? 'psychiatric-consultation' : 'psychological-consultation');

export function serviceCoding(code: string): Coding {
  const concept = serviceTypeSystem.concept?.find((c) => c.code === code);
  return { system: serviceTypeSystem.url, code, ...(concept?.display ? { display: concept.display } : {}) };
}

export interface ChosenDiagnosis extends Icd10Code {
  /** YYYY-MM-DD, or '' when not known */
  onset: string;
}

export interface ConsultationDraft {
  patientId: string;
  clinician: { practitionerId: string; name: string; role: StaffRole };
  /** YYYY-MM-DD */
  date: string;
  modality: string;
  note: string;
  diagnoses: ChosenDiagnosis[];
  /** typed in the diagnosis search and not chosen from the list */
  diagnosisSearch: string;
  /** complete the referral with this consultation (only a referral in progress can be) */
  complete: boolean;
  outcome: string;
}

export type ConsultationField = 'date' | 'note' | 'diagnosis' | 'outcome';

/** Whether saving this consultation may also complete the referral: the server's machine goes in-progress → completed. */
export const mayComplete = (referral: Task | undefined): boolean => referral?.status === 'in-progress';

/**
 * What keeps the form from being sent, at its field: a note always (a consultation says what happened), a
 * diagnosis typed but not chosen from the list (it would be saved without its code), an outcome when the
 * referral is completed, a date not in the future, an onset not after the consultation.
 */
export function consultationProblems(draft: ConsultationDraft, referral: Task | undefined, today: string): Partial<Record<ConsultationField, MessageKey>> {
  const problems: Partial<Record<ConsultationField, MessageKey>> = {};
  if (draft.date === '' || draft.date > today) problems.date = 'consultation.dateNeeded';
  if (draft.note.trim() === '') problems.note = 'consultation.noteNeeded';
  if (draft.diagnosisSearch.trim() !== '') problems.diagnosis = 'consultation.diagnosisNotChosen';
  else if (draft.diagnoses.some((d) => d.onset !== '' && d.onset > (draft.date || today))) problems.diagnosis = 'consultation.onsetAfter';
  if (draft.complete && mayComplete(referral) && draft.outcome.trim() === '') problems.outcome = 'inbox.outcomeNeeded';
  return problems;
}

const ENCOUNTER_URL = 'urn:uuid:7c0e6a52-0000-4000-8000-000000000001';

/**
 * The consultation as one transaction, so that a refusal leaves nothing half-written: the Encounter with its
 * note, one Condition per diagnosis (ICD-10, at this Encounter), and the referral it answers moved on (to in
 * progress, or completed with its outcome). Encounter and Conditions carry the PSY label.
 */
export function consultationTransaction(draft: ConsultationDraft, referral: Task | undefined): Bundle {
  const subject = { reference: `Patient/${draft.patientId}` };
  const clinician = { reference: `Practitioner/${draft.clinician.practitionerId}`, display: draft.clinician.name };
  const modality = sessionModalities.find((m) => m.code === draft.modality);
  const forThisPatient = referral?.id !== undefined && referral.for?.reference === subject.reference ? referral : undefined;
  const request = forThisPatient?.focus?.reference?.startsWith('ServiceRequest/') ? forThisPatient.focus : undefined;
  const note: Annotation = { authorReference: clinician, time: new Date().toISOString(), text: draft.note.trim() };
  const encounter: Encounter = {
    resourceType: 'Encounter',
    meta: { security: [PSY_LABEL] },
    extension: [{ url: CONSULTATION_NOTE_URL, valueAnnotation: note }],
    status: 'finished',
    class: { system: ACT_CODE_SYSTEM, code: 'AMB', display: 'ambulatory' },
    serviceType: { coding: [serviceCoding(serviceOfRole(draft.clinician.role))] },
    ...(modality ? { type: [{ coding: [{ system: MODALITY_SYSTEM, code: modality.code, display: modality.display }] }] } : {}),
    subject,
    participant: [{ individual: clinician }],
    period: { start: draft.date, end: draft.date },
    ...(request ? { basedOn: [{ reference: request.reference }] } : {}),
  };
  const conditions: Condition[] = draft.diagnoses.map((d) => ({
    resourceType: 'Condition',
    meta: { security: [PSY_LABEL] },
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
    verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }] },
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'encounter-diagnosis', display: 'Encounter Diagnosis' }] }],
    code: { coding: [{ system: ICD10_SYSTEM, code: d.code, display: d.display }], text: d.display },
    subject,
    encounter: { reference: ENCOUNTER_URL },
    ...(d.onset ? { onsetDateTime: d.onset } : {}),
    recordedDate: draft.date,
    recorder: clinician,
    asserter: clinician,
  }));
  const entries: BundleEntry[] = [
    { fullUrl: ENCOUNTER_URL, resource: encounter, request: { method: 'POST', url: 'Encounter' } },
    ...conditions.map((resource): BundleEntry => ({ resource, request: { method: 'POST', url: 'Condition' } })),
  ];
  const moved = forThisPatient ? referralAfter(forThisPatient, draft) : undefined;
  if (moved?.id) entries.push({ resource: moved, request: { method: 'PUT', url: `Task/${moved.id}` } });
  return { resourceType: 'Bundle', type: 'transaction', entry: entries };
}

/** The referral after its consultation: started if it was only accepted, completed when asked; else as it was. */
function referralAfter(referral: Task, draft: ConsultationDraft): Task | undefined {
  if (referral.status === 'accepted') return movedTask(referral, 'start', '');
  if (referral.status === 'in-progress' && draft.complete) return movedTask(referral, 'complete', draft.outcome);
  return undefined;
}

/**
 * The field a refusal of the transaction names: entries are the Encounter, then one Condition per diagnosis,
 * then the referral (consultationTransaction's order), and the server names the entry it refused.
 */
export function consultationFieldOf(expression: string, diagnoses: number): ConsultationField | undefined {
  const match = /^Bundle\.entry\[(\d+)\]\.resource(?:\.(\w+))?/.exec(expression);
  if (!match) return undefined;
  const index = Number(match[1]);
  if (index === 0) return match[2] === 'period' ? 'date' : match[2] === 'extension' ? 'note' : undefined;
  if (index <= diagnoses) return 'diagnosis';
  return match[2] === 'output' ? 'outcome' : undefined;
}
