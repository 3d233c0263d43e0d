import type { Condition, Encounter, Practitioner, Reference, Resource } from '@medplum/fhirtypes';
import type { FhirClient } from '../api/fhir-client.js';
import { CONSULTATION_NOTE_URL, CONSULTATION_SERVICES, serviceCoding } from './consultation.js';
import { ICD10_SYSTEM } from './icd10.js';
import { practitionerName } from './staff-directory.js';

/** A diagnosis as the record lists it. */
export interface Diagnosis {
  id: string;
  code: string;
  /** the terminology's own title (WHO's English for ICD-10), never translated */
  display: string;
  onset?: string;
  recorded?: string;
  recordedBy?: string;
  encounterId?: string;
}

/** A consultation as the record lists it, with the diagnoses made at it. */
export interface Consultation {
  id: string;
  date?: string;
  service: string;
  clinician?: string;
  note?: string;
  diagnoses: Diagnosis[];
}

/** The psychiatric part of a record: only for roles that read PSY content; the server leaves out what the caller may not see. */
export interface ClinicalNotes {
  diagnoses: Diagnosis[];
  consultations: Consultation[];
}

const byId = (included: readonly Resource[]): Map<string, Practitioner> =>
  new Map(included.flatMap((r) => (r.resourceType === 'Practitioner' && r.id ? [[`Practitioner/${r.id}`, r] as const] : [])));

const nameOf = (reference: Reference | undefined, practitioners: ReadonlyMap<string, Practitioner>): string | undefined =>
  practitionerName(practitioners.get(reference?.reference ?? '')) ?? reference?.display;

/** Active diagnoses, newest recorded first; an ICD-10 coding is preferred, else the first coding (ICD-11, an import). */
export function diagnosesFrom(conditions: readonly Condition[], practitioners: ReadonlyMap<string, Practitioner>): Diagnosis[] {
  return conditions
    .filter((c) => c.id !== undefined && (c.clinicalStatus?.coding ?? []).some((coding) => coding.code === 'active'))
    .map((c) => {
      const coding = c.code?.coding?.find((x) => x.system === ICD10_SYSTEM) ?? c.code?.coding?.[0];
      const who = c.recorder ?? c.asserter;
      return {
        id: c.id ?? '',
        code: coding?.code ?? '',
        display: coding?.display ?? c.code?.text ?? '',
        ...(c.onsetDateTime ? { onset: c.onsetDateTime } : {}),
        ...(c.recordedDate ? { recorded: c.recordedDate } : {}),
        ...(nameOf(who, practitioners) ? { recordedBy: nameOf(who, practitioners) } : {}),
        ...(c.encounter?.reference?.startsWith('Encounter/') ? { encounterId: c.encounter.reference.slice('Encounter/'.length) } : {}),
      };
    })
    .sort((a, b) => (b.recorded ?? '').localeCompare(a.recorded ?? ''));
}

/** Consultations, newest first, each with its note and the diagnoses recorded at it. */
export function consultationsFrom(encounters: readonly Encounter[], diagnoses: readonly Diagnosis[], practitioners: ReadonlyMap<string, Practitioner>): Consultation[] {
  return encounters
    .filter((e) => e.id !== undefined)
    .map((e) => {
      const service = e.serviceType?.coding?.find((c) => (CONSULTATION_SERVICES as readonly string[]).includes(c.code ?? ''));
      const note = e.extension?.find((x) => x.url === CONSULTATION_NOTE_URL)?.valueAnnotation?.text;
      const clinician = nameOf(e.participant?.[0]?.individual, practitioners);
      return {
        id: e.id ?? '',
        ...(e.period?.start ? { date: e.period.start } : {}),
        service: service?.display ?? serviceCoding(service?.code ?? '').display ?? service?.code ?? '',
        ...(clinician ? { clinician } : {}),
        ...(note ? { note } : {}),
        diagnoses: diagnoses.filter((d) => d.encounterId === e.id),
      };
    })
    .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));
}

/** Diagnoses and consultations of one beneficiary, with who recorded them. */
export async function loadClinicalNotes(fhir: FhirClient, patientId: string): Promise<ClinicalNotes> {
  const subject = `Patient/${patientId}`;
  const serviceTypes = CONSULTATION_SERVICES.map((code) => `${serviceCoding(code).system ?? ''}|${code}`).join(',');
  const [conditions, encounters] = await Promise.all([
    fhir.search<Condition>('Condition', { subject, _count: '200', _include: 'Condition:asserter' }),
    fhir.search<Encounter>('Encounter', { subject, 'service-type': serviceTypes, _sort: '-date', _count: '50', _include: 'Encounter:participant' }),
  ]);
  const practitioners = byId([...conditions.included, ...encounters.included]);
  const diagnoses = diagnosesFrom(conditions.matches, practitioners);
  return { diagnoses, consultations: consultationsFrom(encounters.matches, diagnoses, practitioners) };
}
