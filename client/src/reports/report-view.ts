import type { CodeableConcept, MeasureReport, MeasureReportGroupPopulation } from '@medplum/fhirtypes';

/** One figure of a report: a count, or null when suppressed (marked data-absent-reason `masked` by the server). */
export type Figure = number | null;

export interface IndicatorRow {
  code: string;
  /** the server's wording, for indicators the interface has no text for */
  display: string;
  count: Figure;
  score?: { value: Figure; unit: string };
}

export interface StratumRow {
  /** codes of the stratum's values (one per component of a cross-tabulation) */
  codes: string[];
  /** the server's names for them (sites, staff) where they are ids */
  names: string[];
  count: Figure;
}

export interface ReportView {
  indicators: IndicatorRow[];
  /** the disaggregations present, in the order the report first gives them */
  disaggregations: string[];
  /** strata of one indicator by one disaggregation (absent when the indicator has none of that kind) */
  strata(indicator: string, disaggregation: string): StratumRow[] | undefined;
}

function figure(population: MeasureReportGroupPopulation | undefined): Figure {
  return population?.count ?? null;
}

const code = (value: CodeableConcept | undefined): string => value?.coding?.[0]?.code ?? value?.text ?? '';
const name = (value: CodeableConcept | undefined): string => value?.text ?? value?.coding?.[0]?.display ?? code(value);

/** What the page shows of a MeasureReport (shaped after IHE mADX, as the server writes it). */
export function reportView(report: MeasureReport): ReportView {
  const groups = report.group ?? [];
  const disaggregations: string[] = [];
  const byKey = new Map<string, StratumRow[]>();
  const indicators = groups.map((g): IndicatorRow => {
    const indicator = g.code?.coding?.[0];
    const key = indicator?.code ?? '';
    for (const s of g.stratifier ?? []) {
      const disaggregation = (s.code ?? []).map((c) => c.coding?.[0]?.code ?? '').join('|');
      if (!disaggregations.includes(disaggregation)) disaggregations.push(disaggregation);
      byKey.set(
        `${key}\u0000${disaggregation}`,
        (s.stratum ?? []).map((st) => {
          const values = st.value !== undefined ? [st.value] : (st.component ?? []).map((c) => c.value);
          return { codes: values.map(code), names: values.map(name), count: figure(st.population?.[0]) };
        }),
      );
    }
    const score = g.measureScore;
    return {
      code: key,
      display: indicator?.display ?? key,
      count: figure(g.population?.[0]),
      ...(score === undefined ? {} : { score: { value: score.value ?? null, unit: score.unit ?? '' } }),
    };
  });
  return { indicators, disaggregations, strata: (indicator, disaggregation) => byKey.get(`${indicator}\u0000${disaggregation}`) };
}
