import type { CodeSystemConcept, Coding, Encounter, OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import { getHiwaCodeSystem } from '../fhir/definitions.js';
import { issue } from '../fhir/outcomes.js';
import { PSY_SERVICE_TYPES } from './psy-service-types.js';

export const SERVICE_TYPE_SYSTEM = 'https://hiwa.health/fhir/CodeSystem/service-type';
export const MODALITY_SYSTEM = 'https://hiwa.health/fhir/CodeSystem/modality';
export const PM_PLUS_SESSION_URL = 'https://hiwa.health/fhir/StructureDefinition/pm-plus-session';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
/** The confidentiality label of psychiatric and counselling content (v3 ActCode), as access reads it. */
export const PSY_LABEL: Coding = { system: ACT_CODE, code: 'PSY', display: 'psychiatry information sensitivity' };

/** How each of Hiwa's modalities reads as R4's Encounter.class (a required element). */
export const ENCOUNTER_CLASS_OF_MODALITY: Readonly<Record<string, Coding>> = {
  'community-centre': { system: ACT_CODE, code: 'AMB', display: 'ambulatory' },
  'mobile-team': { system: ACT_CODE, code: 'FLD', display: 'field' },
  'outreach-visit': { system: ACT_CODE, code: 'HH', display: 'home health' },
  'remote-phone': { system: ACT_CODE, code: 'VR', display: 'virtual' },
};

const PM_PLUS = 'pm-plus';
const PM_PLUS_SESSIONS = 5;
const PM_PLUS_EXPRESSION = `Encounter.extension('${PM_PLUS_SESSION_URL}')`;

/**
 * The Hiwa service an Encounter records (`serviceType` coded in Hiwa's service-type CodeSystem), or
 * undefined when it claims none: an Encounter of another kind (a partner system's, the specification's
 * examples) is stored as plain FHIR and is not counted as a service.
 */
export function claimedServiceType(encounter: Encounter): string | undefined {
  return hiwaCodings(encounter)[0]?.code;
}

function hiwaCodings(encounter: Encounter): Coding[] {
  return (encounter.serviceType?.coding ?? []).filter((c) => c.system === SERVICE_TYPE_SYSTEM);
}

export function serviceConcept(code: string | undefined): CodeSystemConcept | undefined {
  return getHiwaCodeSystem(SERVICE_TYPE_SYSTEM)?.concept?.find((c) => c.code === code);
}

/** Whether a service counts as one delivered to a beneficiary (coordination and staff training do not). */
export function isBeneficiaryService(code: string | undefined): boolean {
  return serviceConcept(code)?.property?.find((p) => p.code === 'beneficiary-service')?.valueBoolean === true;
}

/**
 * Everything wrong with an Encounter that claims a Hiwa service, each issue naming its element: one code of
 * the CodeSystem, a modality of Hiwa's modality CodeSystem when it claims one, a service to a beneficiary
 * when it is for a patient, and the PM+ session number (1–5) exactly when the service is PM+.
 */
export function serviceEncounterIssues(encounter: Encounter): OperationOutcomeIssue[] {
  const codings = hiwaCodings(encounter);
  if (codings.length === 0) return [];
  const codes = [...new Set(codings.map((c) => c.code))];
  if (codes.length > 1) {
    return [issue('invalid', `An Encounter records one service, not ${codes.join(', ')}: record each service as an Encounter`, 'Encounter.serviceType')];
  }
  const code = codes[0];
  const concept = serviceConcept(code);
  if (concept === undefined) {
    return [issue('code-invalid', `'${code ?? ''}' is not a service type of ${SERVICE_TYPE_SYSTEM}`, 'Encounter.serviceType')];
  }
  const problems: OperationOutcomeIssue[] = [];
  if (encounter.subject?.reference?.startsWith('Patient/') && !isBeneficiaryService(code)) {
    problems.push(issue('business-rule', `'${concept.display ?? code}' is not a service to a beneficiary, so it has no patient`, 'Encounter.subject'));
  }
  problems.push(...modalityIssues(encounter), ...pmPlusIssues(encounter, code));
  return problems;
}

function modalityIssues(encounter: Encounter): OperationOutcomeIssue[] {
  const modalities = getHiwaCodeSystem(MODALITY_SYSTEM)?.concept ?? [];
  return (encounter.type ?? []).flatMap((type, i) =>
    (type.coding ?? [])
      .filter((c) => c.system === MODALITY_SYSTEM && !modalities.some((m) => m.code === c.code))
      .map((c) => issue('code-invalid', `'${c.code ?? ''}' is not a modality of ${MODALITY_SYSTEM}`, `Encounter.type[${i}]`)),
  );
}

function pmPlusIssues(encounter: Encounter, code: string | undefined): OperationOutcomeIssue[] {
  const numbers = (encounter.extension ?? []).filter((e) => e.url === PM_PLUS_SESSION_URL);
  if (code !== PM_PLUS) {
    return numbers.length === 0 ? [] : [issue('business-rule', 'A PM+ session number belongs only to an Encounter of service type pm-plus', PM_PLUS_EXPRESSION)];
  }
  const value = numbers.length === 1 ? numbers[0].valueInteger : undefined;
  if (numbers.length === 0) return [issue('required', `A PM+ session needs its number (1–${PM_PLUS_SESSIONS})`, PM_PLUS_EXPRESSION)];
  if (value === undefined || !Number.isInteger(value) || value < 1 || value > PM_PLUS_SESSIONS) {
    return [issue('value', `A PM+ session number is one whole number from 1 to ${PM_PLUS_SESSIONS}`, PM_PLUS_EXPRESSION)];
  }
  return [];
}

/** The Encounter with the `PSY` label added when its service is a counselling or psychiatric one. */
export function withSensitivityLabel(encounter: Encounter): Encounter {
  const code = claimedServiceType(encounter);
  return code === undefined || !PSY_SERVICE_TYPES.has(code) ? encounter : withPsyLabel(encounter);
}

/** The resource with the `PSY` label among its security labels (once). */
export function withPsyLabel<T extends Resource>(resource: T): T {
  const security = resource.meta?.security ?? [];
  if (security.some((c) => c.code === PSY_LABEL.code)) return resource;
  return { ...resource, meta: { ...resource.meta, security: [...security, PSY_LABEL] } };
}
