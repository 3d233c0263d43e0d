import type { Questionnaire } from '@medplum/fhirtypes';

/** A canonical reference split at `|`: `https://hiwa.health/fhir/Questionnaire/PHQ9|1.0.0`. */
export interface Canonical {
  url: string;
  version?: string;
}

export function parseCanonical(canonical: string): Canonical {
  const bar = canonical.indexOf('|');
  if (bar < 0) return { url: canonical };
  const version = canonical.slice(bar + 1);
  return version === '' ? { url: canonical.slice(0, bar) } : { url: canonical.slice(0, bar), version };
}

/** `url|version`, the form a response keeps so that a later version never re-scores it. */
export function canonicalOf(definition: { url?: string; version?: string }): string {
  const url = definition.url ?? '';
  return definition.version === undefined ? url : `${url}|${definition.version}`;
}

/**
 * The latest of several versions of one Questionnaire: dotted versions compare part by part as numbers
 * (1.10.0 after 1.9.0), other parts as text; `date` breaks ties.
 */
export function latestVersion(questionnaires: readonly Questionnaire[]): Questionnaire | undefined {
  return [...questionnaires].sort(compareVersions).at(-1);
}

function compareVersions(a: Questionnaire, b: Questionnaire): number {
  const pa = (a.version ?? '').split('.');
  const pb = (b.version ?? '').split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    const bothNumbers = /^\d+$/.test(x) && /^\d+$/.test(y);
    const order = bothNumbers ? Number(x) - Number(y) : x.localeCompare(y);
    if (order !== 0) return order;
  }
  return (a.date ?? '').localeCompare(b.date ?? '');
}
