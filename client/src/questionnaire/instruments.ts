import type { Questionnaire } from '@medplum/fhirtypes';
import type { FhirClient } from '../api/fhir-client.js';
import type { MessageKey } from '../i18n/messages-en.js';

/**
 * A form filled in about a patient from their record; `name` is the Questionnaire's name. Instruments are
 * named as printed (PHQ-9), Hiwa's own forms by a message of the interface.
 */
export interface FillableForm {
  slug: string;
  name: string;
  kind: 'screening' | 'form';
  label: string | { key: MessageKey };
}

/** The screening instruments offered from a patient's page. */
export const screeningInstruments: readonly FillableForm[] = [
  { slug: 'phq9', name: 'PHQ9', kind: 'screening', label: 'PHQ-9' },
  { slug: 'srq20', name: 'SRQ20', kind: 'screening', label: 'SRQ-20' },
];

/** Hiwa's own forms offered from a patient's page. */
export const recordForms: readonly FillableForm[] = [
  { slug: 'consent', name: 'CONSENT', kind: 'form', label: { key: 'forms.consent' } },
  { slug: 'case-management', name: 'CASE_MANAGEMENT', kind: 'form', label: { key: 'forms.caseManagement' } },
  { slug: 'safety-plan', name: 'SAFETY_PLAN', kind: 'form', label: { key: 'forms.safetyPlan' } },
];

export function findInstrument(slug: string): FillableForm | undefined {
  return screeningInstruments.find((instrument) => instrument.slug === slug);
}

export function findRecordForm(slug: string): FillableForm | undefined {
  return recordForms.find((form) => form.slug === slug);
}

/** Compares dotted versions numerically, so that 1.10.0 comes after 1.9.0. */
function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/**
 * The newest active version the server holds of an instrument, worded for `language` by the server's
 * `$localize` (which says so in a notice when it has no wording for that language). Undefined when the
 * server holds none.
 */
export async function loadInstrument(fhir: FhirClient, instrument: FillableForm, language: string): Promise<Questionnaire | undefined> {
  const { matches } = await fhir.search<Questionnaire>('Questionnaire', { 'name:exact': instrument.name, status: 'active', _elements: 'id,version' });
  const newest = matches.filter((q) => q.id).sort((a, b) => compareVersions(b.version ?? '0', a.version ?? '0'))[0];
  return newest?.id ? fhir.localizeQuestionnaire(newest.id, language) : undefined;
}

/** The name a form goes by in the interface. */
export function formLabel(form: FillableForm, t: (key: MessageKey) => string): string {
  return typeof form.label === 'string' ? form.label : t(form.label.key);
}
