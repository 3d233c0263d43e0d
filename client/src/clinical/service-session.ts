import type { CodeSystem, Coding, Encounter } from '@medplum/fhirtypes';
import modalities from '../../../fhir-profiles/CodeSystem-modality.json' with { type: 'json' };
import serviceTypes from '../../../fhir-profiles/CodeSystem-service-type.json' with { type: 'json' };

const PM_PLUS_SESSION_URL = 'https://hiwa.health/fhir/StructureDefinition/pm-plus-session';
const ACT_CODE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';

export interface CodedChoice {
  code: string;
  display: string;
}

// The catalogue is Hiwa's own CodeSystem (fhir-profiles/), the one the server checks sessions against.
const serviceTypeSystem = serviceTypes as CodeSystem;
const modalitySystem = modalities as CodeSystem;

/** The services given to one beneficiary (the catalogue's `beneficiary-service` property), in catalogue order. */
export const beneficiaryServices: readonly CodedChoice[] = (serviceTypeSystem.concept ?? [])
  .filter((concept) => concept.property?.some((p) => p.code === 'beneficiary-service' && p.valueBoolean === true))
  .map((concept) => ({ code: concept.code, display: concept.display ?? concept.code }));

/** A service of the catalogue as a Coding, as the server checks it; undefined for a code it does not have. */
export function serviceCoding(code: string): Coding | undefined {
  const service = beneficiaryServices.find((s) => s.code === code);
  return service ? { system: serviceTypeSystem.url, code: service.code, display: service.display } : undefined;
}

/** The code of the catalogue's service a resource names (an Encounter's serviceType, a Group's code). */
export function serviceCodeOf(concept: { coding?: Coding[] } | undefined): string | undefined {
  return concept?.coding?.find((c) => c.system === serviceTypeSystem.url)?.code;
}

/** A service's name as the catalogue words it (English: it is the programme's reporting vocabulary), else its code. */
export function serviceName(code: string | undefined): string {
  return beneficiaryServices.find((s) => s.code === code)?.display ?? code ?? '';
}

export const sessionModalities: readonly CodedChoice[] = (modalitySystem.concept ?? []).map((c) => ({ code: c.code, display: c.display ?? c.code }));

export interface SessionDraft {
  patientId: string;
  practitionerId: string;
  service: string;
  modality: string;
  /** YYYY-MM-DD */
  date: string;
  /** for a PM+ session, its number (1–5) as typed */
  pmPlusSession: string;
}

/** The Encounter recording one service given to one beneficiary; what is left blank is left out, for the server to name. */
export function sessionEncounter(draft: SessionDraft): Encounter {
  const service = beneficiaryServices.find((s) => s.code === draft.service);
  const modality = sessionModalities.find((m) => m.code === draft.modality);
  const pmPlus = draft.service === 'pm-plus' && draft.pmPlusSession.trim() !== '' ? Number(draft.pmPlusSession.trim()) : undefined;
  return {
    resourceType: 'Encounter',
    status: 'finished',
    class: { system: ACT_CODE_SYSTEM, code: 'AMB', display: 'ambulatory' },
    ...(service ? { serviceType: { coding: [{ system: serviceTypeSystem.url, code: service.code, display: service.display }] } } : {}),
    ...(modality ? { type: [{ coding: [{ system: modalitySystem.url, code: modality.code, display: modality.display }] }] } : {}),
    subject: { reference: `Patient/${draft.patientId}` },
    participant: [{ individual: { reference: `Practitioner/${draft.practitionerId}` } }],
    ...(draft.date ? { period: { start: draft.date, end: draft.date } } : {}),
    ...(pmPlus === undefined ? {} : { extension: [{ url: PM_PLUS_SESSION_URL, valueInteger: pmPlus }] }),
  };
}
