import type { Questionnaire } from '@medplum/fhirtypes';
import type { FhirClient } from '../api/fhir-client.js';

/** The screening instruments offered from a patient's page; `name` is the Questionnaire's name. */
export const screeningInstruments = [
  { slug: 'phq9', name: 'PHQ9', label: 'PHQ-9' },
  { slug: 'srq20', name: 'SRQ20', label: 'SRQ-20' },
] as const;

export type ScreeningInstrument = (typeof screeningInstruments)[number];

export function findInstrument(slug: string): ScreeningInstrument | undefined {
  return screeningInstruments.find((instrument) => instrument.slug === slug);
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
export async function loadInstrument(fhir: FhirClient, instrument: ScreeningInstrument, language: string): Promise<Questionnaire | undefined> {
  const { matches } = await fhir.search<Questionnaire>('Questionnaire', { 'name:exact': instrument.name, status: 'active', _elements: 'id,version' });
  const newest = matches.filter((q) => q.id).sort((a, b) => compareVersions(b.version ?? '0', a.version ?? '0'))[0];
  return newest?.id ? fhir.localizeQuestionnaire(newest.id, language) : undefined;
}
