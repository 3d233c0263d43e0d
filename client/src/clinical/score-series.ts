import type { CodeableConcept, Coding, Observation } from '@medplum/fhirtypes';
import { BAND_TABLE_EXTENSION, SCORE_CUTOFF_EXTENSION } from '../../../questionnaires/fhir-systems.js';

export interface ScorePoint {
  observationId: string;
  date?: string;
  /** the score, when it could be computed */
  value?: number;
  /** a coded result (PHQ-9 item 10's difficulty) or why a score is missing */
  valueText?: string;
  /** the band as the server words it, e.g. "Moderately severe" (the first table's, where norms give several) */
  band?: string;
  /** the band's code in the first table, e.g. `moderately-severe` */
  bandCode?: string;
  /** every band the score was given, one per norm table (SDQ: three-band and four-band): its code and the server's words */
  bands?: { code?: string; display: string }[];
  /** the norm table the first band was read from, and the cut-off in force (SRQ-20), as the record says */
  bandTable?: { id: string; cutoff?: number };
  computed: boolean;
}

export interface ScoreSeries {
  key: string;
  /** the score's code (LOINC 44261-6, or hiwa-scores such as `sdq-total`) */
  system?: string;
  code?: string;
  label: string;
  /** oldest first */
  points: ScorePoint[];
  /** the instrument's scale, where it is known, so the sparkline is drawn to scale */
  range?: { min: number; max: number };
}

// The scales of the scores Hiwa derives, by code: PHQ-9 total (LOINC), SRQ-20 and SDQ (Hiwa's CodeSystem), in the
// order the record lists scores of one response.
const scales: Readonly<Record<string, { min: number; max: number }>> = {
  '44261-6': { min: 0, max: 27 },
  'srq20-total': { min: 0, max: 20 },
  'sdq-total': { min: 0, max: 40 },
  'sdq-emotional': { min: 0, max: 10 },
  'sdq-conduct': { min: 0, max: 10 },
  'sdq-hyperactivity': { min: 0, max: 10 },
  'sdq-peer': { min: 0, max: 10 },
  'sdq-prosocial': { min: 0, max: 10 },
  'sdq-impact': { min: 0, max: 10 },
  'sdq-externalising': { min: 0, max: 20 },
  'sdq-internalising': { min: 0, max: 20 },
};

const firstCoding = (observation: Observation): Coding | undefined => observation.code.coding?.[0];

const bandOf = (interpretation: CodeableConcept): string | undefined => interpretation.coding?.[0]?.display ?? interpretation.text;

function bandTableOf(interpretation: CodeableConcept | undefined): ScorePoint['bandTable'] {
  const id = interpretation?.extension?.find((e) => e.url === BAND_TABLE_EXTENSION)?.valueCoding?.code;
  const cutoff = interpretation?.extension?.find((e) => e.url === SCORE_CUTOFF_EXTENSION)?.valueInteger;
  return id === undefined ? undefined : { id, ...(cutoff === undefined ? {} : { cutoff }) };
}

function pointOf(observation: Observation): ScorePoint {
  const interpretation = observation.interpretation?.[0];
  const band = interpretation ? bandOf(interpretation) : undefined;
  const bands = (observation.interpretation ?? []).flatMap((i) => {
    const display = bandOf(i);
    const code = i.coding?.[0]?.code;
    return display === undefined ? [] : [{ display, ...(code ? { code } : {}) }];
  });
  const bandCode = interpretation?.coding?.[0]?.code;
  const bandTable = bandTableOf(interpretation);
  const coded = observation.valueCodeableConcept;
  return {
    observationId: observation.id ?? '',
    date: observation.effectiveDateTime ?? observation.issued,
    ...(observation.valueInteger !== undefined ? { value: observation.valueInteger } : {}),
    ...(observation.valueQuantity?.value !== undefined ? { value: observation.valueQuantity.value } : {}),
    ...(coded ? { valueText: coded.text ?? coded.coding?.[0]?.display ?? coded.coding?.[0]?.code } : {}),
    ...(observation.dataAbsentReason ? { valueText: observation.dataAbsentReason.text ?? observation.dataAbsentReason.coding?.[0]?.display } : {}),
    ...(band ? { band } : {}),
    ...(bandCode ? { bandCode } : {}),
    ...(bands.length > 0 ? { bands } : {}),
    ...(bandTable ? { bandTable } : {}),
    computed: observation.dataAbsentReason === undefined,
  };
}

/**
 * Score Observations as one series per measure, most recently scored measure first. Scores withdrawn when a
 * response was amended (entered-in-error) and cancelled ones are left out: they are history, not results.
 */
export function scoreSeriesFrom(observations: readonly Observation[]): ScoreSeries[] {
  const byKey = new Map<string, { label: string; system?: string; code?: string; observations: Observation[] }>();
  for (const observation of observations) {
    if (observation.status === 'entered-in-error' || observation.status === 'cancelled') continue;
    const coding = firstCoding(observation);
    const key = `${coding?.system ?? ''}|${coding?.code ?? observation.code.text ?? ''}`;
    const label = observation.code.text ?? coding?.display ?? coding?.code ?? key;
    const entry = byKey.get(key) ?? { label, system: coding?.system, code: coding?.code, observations: [] };
    entry.observations.push(observation);
    byKey.set(key, entry);
  }
  const series = [...byKey.entries()].map(([key, entry]): ScoreSeries => {
    const points = entry.observations.map(pointOf).sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));
    const range = entry.code ? scales[entry.code] : undefined;
    return {
      key,
      label: entry.label,
      ...(entry.system ? { system: entry.system } : {}),
      ...(entry.code ? { code: entry.code } : {}),
      points,
      ...(range ? { range } : {}),
    };
  });
  const latest = (s: ScoreSeries) => s.points[s.points.length - 1]?.date ?? '';
  // scores of one response (the SDQ's nine) in the instrument's order: the total first, then its parts
  const order = Object.keys(scales);
  const rank = (s: ScoreSeries) => (s.code !== undefined && order.includes(s.code) ? order.indexOf(s.code) : order.length);
  return series.sort((a, b) => latest(b).localeCompare(latest(a)) || rank(a) - rank(b));
}

/** The scale a sparkline is drawn on: the instrument's own, else from zero to the highest value seen. */
export function scaleOf(series: ScoreSeries): { min: number; max: number } {
  if (series.range) return series.range;
  const values = series.points.flatMap((point) => (point.value === undefined ? [] : [point.value]));
  return { min: Math.min(0, ...values), max: Math.max(1, ...values) };
}
