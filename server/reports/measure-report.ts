import type { Location, MeasureReport, MeasureReportGroup, MeasureReportGroupStratifier, Organization, Reference } from '@medplum/fhirtypes';
import { COMPONENT_SEPARATOR, type Indicator } from './indicator.js';
import { DISAGGREGATION_SYSTEM, INDICATOR_SYSTEM, MEASURE_POPULATION_SYSTEM } from './measures.js';

export const DATA_ABSENT_REASON_URL = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';
/** How a suppressed count or withheld score is marked (R4's data-absent-reason, code `masked`). */
const masked = [{ url: DATA_ABSENT_REASON_URL, valueCode: 'masked' }];
const population = { coding: [{ system: MEASURE_POPULATION_SYSTEM, code: 'initial-population' }] };

export interface ReportHeader {
  /** canonical of the Measure, `url|version` */
  measure: string;
  /** FHIR dates as asked (periodStart, periodEnd: both days included) */
  period: { start: string; end: string };
  /** when it was produced */
  date: string;
  reporter?: Reference<Organization>;
  /** the organisation or site reported on, when one was asked for */
  subject?: Reference<Organization | Location>;
}

/** Names of stratum values that are ids (sites, care managers), so the report reads without a lookup. */
export type StratumLabels = ReadonlyMap<string, string>;

/**
 * A summary MeasureReport after IHE mADX: one group per indicator, its count as the initial population,
 * one stratifier per disaggregation (a cross-tabulation with a component per dimension). A suppressed count
 * or withheld score carries data-absent-reason `masked` in place of its value. No empty arrays.
 */
export function toMeasureReport(header: ReportHeader, indicators: readonly Indicator[], labels: StratumLabels = new Map()): MeasureReport {
  return {
    resourceType: 'MeasureReport',
    status: 'complete',
    type: 'summary',
    measure: header.measure,
    ...(header.subject === undefined ? {} : { subject: header.subject }),
    date: header.date,
    ...(header.reporter === undefined ? {} : { reporter: header.reporter }),
    period: header.period,
    ...(indicators.length === 0 ? {} : { group: indicators.map((ind) => group(ind, labels)) }),
  };
}

function group(ind: Indicator, labels: StratumLabels): MeasureReportGroup {
  const stratifiers = ind.stratifiers.filter((s) => s.strata.length > 0);
  return {
    code: { coding: [{ system: INDICATOR_SYSTEM, code: ind.code, display: ind.display }] },
    population: [ind.count === null ? { code: population, extension: masked } : { code: population, count: ind.count }],
    ...(ind.score === undefined
      ? {}
      : { measureScore: ind.score.value === null ? { extension: masked, unit: ind.score.unit } : { value: ind.score.value, unit: ind.score.unit } }),
    ...(stratifiers.length === 0 ? {} : { stratifier: stratifiers.map((s) => stratifier(s, labels)) }),
  };
}

function stratifier(s: Indicator['stratifiers'][number], labels: StratumLabels): MeasureReportGroupStratifier {
  const code = (c: string) => ({ coding: [{ system: DISAGGREGATION_SYSTEM, code: c }] });
  const value = (v: string) => (labels.has(v) ? { coding: [{ code: v }], text: labels.get(v) } : { text: v });
  return {
    code: [code(s.code)],
    stratum: s.strata.map((st) => ({
      ...(s.components === undefined
        ? { value: value(st.value) }
        : { component: (s.components ?? []).map((c, i) => ({ code: code(c), value: value(st.value.split(COMPONENT_SEPARATOR)[i] ?? '') })) }),
      population: [st.count === null ? { code: population, extension: masked } : { code: population, count: st.count }],
    })),
  };
}
