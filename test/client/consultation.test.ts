import type { Condition, Encounter, Practitioner, Task } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { consultationsFrom, diagnosesFrom } from '../../client/src/clinical/clinical-notes.js';
import {
  CONSULTATION_NOTE_URL,
  consultationFieldOf,
  consultationProblems,
  consultationTransaction,
  type ConsultationDraft,
} from '../../client/src/clinical/consultation.js';
import { ICD10_SYSTEM, icd10Choices, searchIcd10 } from '../../client/src/clinical/icd10.js';

/**
 * The consultation screen's logic: finding an ICD-10 code in Hiwa's list, what keeps the form from being sent,
 * the one transaction it sends (Encounter with its note, a Condition per diagnosis, the referral moved on, all
 * labelled PSY), where a refusal of it belongs, and how the record lists diagnoses and consultations.
 */

const TODAY = '2026-12-05';
const draft = (more: Partial<ConsultationDraft> = {}): ConsultationDraft => ({
  patientId: 'p1',
  clinician: { practitionerId: 'dr1', name: 'Karwan Aziz', role: 'psychiatrist' },
  date: TODAY,
  modality: '',
  note: 'Low mood for three months; sleep poor; no plan of self-harm.',
  diagnoses: [{ code: 'F32.1', display: 'Moderate depressive episode', onset: '2026-09-01' }],
  diagnosisSearch: '',
  complete: false,
  outcome: '',
  ...more,
});
const referral = (status: Task['status'], patient = 'p1'): Task => ({
  resourceType: 'Task', id: 't1', status, intent: 'order', for: { reference: `Patient/${patient}` },
  focus: { reference: 'ServiceRequest/sr1' }, requester: { reference: 'Practitioner/cw1', display: 'Shilan Omar' },
});

describe('Hiwa’s ICD-10 list (fhir-profiles/ValueSet-icd10-mhpss.json)', () => {
  it('holds unique ICD-10 codes with WHO’s titles', () => {
    const codes = icd10Choices.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[A-Z][0-9]{2}(\.[0-9])?$/);
    expect(icd10Choices.find((c) => c.code === 'F32.1')?.display).toBe('Moderate depressive episode');
    expect(icd10Choices.find((c) => c.code === 'F43.1')?.display).toBe('Post-traumatic stress disorder');
  });

  it('is searched by the code’s first characters, with or without the point, then by words of the title', () => {
    expect(searchIcd10('F32.1').map((c) => c.code)).toEqual(['F32.1']);
    expect(searchIcd10('f321').map((c) => c.code)).toEqual(['F32.1']);
    expect(searchIcd10('f32').map((c) => c.code)).toEqual(['F32.0', 'F32.1', 'F32.2', 'F32.3', 'F32.9']);
    expect(searchIcd10('moderate depress').map((c) => c.code)).toEqual(['F32.1', 'F33.1']);
    expect(searchIcd10('  Post-traumatic ').map((c) => c.code)).toEqual(['F43.1']);
    // a word as a clinician says it finds the title's form of it
    expect(searchIcd10('moderate depression').map((c) => c.code)).toEqual(['F32.1', 'F33.1']);
    expect(searchIcd10('psychosis').map((c) => c.code)).toEqual(['F19', 'F23.9', 'F29', 'F32.2', 'F32.3']); // psychoactive, psychotic: more to read, nothing missed
    expect(searchIcd10('self-harm').map((c) => c.code)).toEqual(['X84', 'Z91.5']);
  });

  it('finds nothing for an empty search, and leaves out what is already chosen', () => {
    expect(searchIcd10('   ')).toEqual([]);
    expect(searchIcd10('f32', ['F32.1']).map((c) => c.code)).not.toContain('F32.1');
  });
});

describe('what keeps a consultation from being sent', () => {
  it('nothing, for a note with a chosen diagnosis, or a note alone', () => {
    expect(consultationProblems(draft(), undefined, TODAY)).toEqual({});
    expect(consultationProblems(draft({ diagnoses: [] }), undefined, TODAY)).toEqual({});
  });

  it('an empty note, and a diagnosis typed but not chosen, each at its field', () => {
    expect(consultationProblems(draft({ note: '  ', diagnoses: [], diagnosisSearch: 'depression' }), undefined, TODAY)).toEqual({
      note: 'consultation.noteNeeded',
      diagnosis: 'consultation.diagnosisNotChosen',
    });
  });

  it('a date in the future, and an onset after the consultation', () => {
    expect(consultationProblems(draft({ date: '2026-12-06' }), undefined, TODAY)).toMatchObject({ date: 'consultation.dateNeeded' });
    expect(consultationProblems(draft({ date: '2026-08-01' }), undefined, TODAY)).toEqual({ diagnosis: 'consultation.onsetAfter' });
  });

  it('an outcome, when the consultation completes a referral in progress', () => {
    expect(consultationProblems(draft({ complete: true }), referral('in-progress'), TODAY)).toEqual({ outcome: 'inbox.outcomeNeeded' });
    // an accepted referral is started, not completed, by the consultation: there is no outcome to ask for
    expect(consultationProblems(draft({ complete: true }), referral('accepted'), TODAY)).toEqual({});
  });
});

describe('the transaction a consultation sends', () => {
  it('the Encounter with its note, then a Condition per diagnosis at that Encounter, all labelled PSY', () => {
    const bundle = consultationTransaction(draft(), undefined);
    expect(bundle.type).toBe('transaction');
    const [first, second, ...rest] = bundle.entry ?? [];
    expect(rest).toEqual([]);
    const encounter = first.resource as Encounter;
    expect(first.request).toEqual({ method: 'POST', url: 'Encounter' });
    expect(encounter.serviceType?.coding?.[0]).toMatchObject({ code: 'psychiatric-consultation', display: 'Psychiatric consultation' });
    expect(encounter.meta?.security?.map((c) => c.code)).toEqual(['PSY']);
    expect(encounter.extension?.find((e) => e.url === CONSULTATION_NOTE_URL)?.valueAnnotation).toMatchObject({
      text: 'Low mood for three months; sleep poor; no plan of self-harm.',
      authorReference: { reference: 'Practitioner/dr1', display: 'Karwan Aziz' },
    });
    const condition = second.resource as Condition;
    expect(condition.meta?.security?.map((c) => c.code)).toEqual(['PSY']);
    expect(condition.code?.coding).toEqual([{ system: ICD10_SYSTEM, code: 'F32.1', display: 'Moderate depressive episode' }]);
    expect(condition.encounter?.reference).toBe(first.fullUrl);
    expect(condition).toMatchObject({ onsetDateTime: '2026-09-01', recordedDate: TODAY, recorder: { reference: 'Practitioner/dr1' } });
  });

  it('a psychologist’s is a psychological consultation', () => {
    const bundle = consultationTransaction(draft({ clinician: { practitionerId: 'ps1', name: 'Hana Aziz', role: 'psychologist' } }), undefined);
    expect((bundle.entry?.[0].resource as Encounter).serviceType?.coding?.[0].code).toBe('psychological-consultation');
  });

  it('starts an accepted referral, completes one in progress with its outcome when asked, and is based on its request', () => {
    const started = consultationTransaction(draft(), referral('accepted')).entry ?? [];
    expect(started.at(-1)?.request).toEqual({ method: 'PUT', url: 'Task/t1' });
    expect((started.at(-1)?.resource as Task).status).toBe('in-progress');
    expect((started[0].resource as Encounter).basedOn).toEqual([{ reference: 'ServiceRequest/sr1' }]);

    const completed = consultationTransaction(draft({ complete: true, outcome: 'Seen; sertraline started' }), referral('in-progress')).entry ?? [];
    const task = completed.at(-1)?.resource as Task;
    expect(task.status).toBe('completed');
    expect(task.output?.[0].valueString).toBe('Seen; sertraline started');

    expect(consultationTransaction(draft(), referral('in-progress')).entry).toHaveLength(2);
  });

  it('leaves alone a referral about someone else', () => {
    const entries = consultationTransaction(draft(), referral('accepted', 'p2')).entry ?? [];
    expect(entries.map((e) => e.request?.url)).toEqual(['Encounter', 'Condition']);
    expect((entries[0].resource as Encounter).basedOn).toBeUndefined();
  });

  it('a refusal of it is shown at the field its entry stands for', () => {
    expect(consultationFieldOf('Bundle.entry[1].resource.code', 2)).toBe('diagnosis');
    expect(consultationFieldOf('Bundle.entry[2].resource.code', 2)).toBe('diagnosis');
    expect(consultationFieldOf('Bundle.entry[3].resource.output', 2)).toBe('outcome');
    expect(consultationFieldOf('Bundle.entry[0].resource.period', 2)).toBe('date');
    expect(consultationFieldOf('Bundle.entry[0].resource.subject', 2)).toBeUndefined();
    expect(consultationFieldOf('Task.output', 2)).toBeUndefined();
  });
});

describe('diagnoses and consultations in the record', () => {
  const doctor: Practitioner = { resourceType: 'Practitioner', id: 'dr1', name: [{ given: ['Karwan'], family: 'Aziz' }] };
  const practitioners = new Map([['Practitioner/dr1', doctor]]);
  const condition = (id: string, status: string, recorded: string, code = 'F32.1'): Condition => ({
    resourceType: 'Condition', id,
    clinicalStatus: { coding: [{ code: status }] },
    code: { coding: [{ system: ICD10_SYSTEM, code, display: 'Moderate depressive episode' }] },
    subject: { reference: 'Patient/p1' }, encounter: { reference: 'Encounter/e1' },
    onsetDateTime: '2026-09-01', recordedDate: recorded, recorder: { reference: 'Practitioner/dr1' },
  });

  it('lists the active diagnoses, newest first, named and with who recorded them', () => {
    const listed = diagnosesFrom([condition('c1', 'active', '2026-10-01'), condition('c2', 'resolved', '2026-11-01'), condition('c3', 'active', '2026-12-01', 'F43.1')], practitioners);
    expect(listed.map((d) => d.id)).toEqual(['c3', 'c1']);
    expect(listed[1]).toEqual({ id: 'c1', code: 'F32.1', display: 'Moderate depressive episode', onset: '2026-09-01', recorded: '2026-10-01', recordedBy: 'Karwan Aziz', encounterId: 'e1' });
  });

  it('lists consultations with their note and the diagnoses made at them; nothing when the server gave nothing', () => {
    const encounter: Encounter = {
      resourceType: 'Encounter', id: 'e1', status: 'finished', class: { code: 'AMB' },
      serviceType: { coding: [{ system: 'https://hiwa.health/fhir/CodeSystem/service-type', code: 'psychiatric-consultation' }] },
      participant: [{ individual: { reference: 'Practitioner/dr1' } }], period: { start: '2026-10-01' },
      extension: [{ url: CONSULTATION_NOTE_URL, valueAnnotation: { text: 'Seen with her sister.' } }],
    };
    const diagnoses = diagnosesFrom([condition('c1', 'active', '2026-10-01')], practitioners);
    expect(consultationsFrom([encounter], diagnoses, practitioners)).toEqual([
      { id: 'e1', date: '2026-10-01', service: 'Psychiatric consultation', clinician: 'Karwan Aziz', note: 'Seen with her sister.', diagnoses },
    ]);
    expect(consultationsFrom([], [], new Map())).toEqual([]);
    expect(diagnosesFrom([], new Map())).toEqual([]);
  });
});
