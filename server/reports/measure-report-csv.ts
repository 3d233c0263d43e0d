import type { CodeableConcept, MeasureReport, MeasureReportGroupPopulation } from '@medplum/fhirtypes';
import { DATA_ABSENT_REASON_URL } from './measure-report.js';

export const CSV = 'text/csv; charset=utf-8';

const HEADER = ['measure', 'period_start', 'period_end', 'subject', 'indicator', 'indicator_display', 'disaggregation', 'stratum', 'stratum_display', 'count', 'score', 'unit', 'suppressed'];

/**
 * The same table as the MeasureReport, one line per indicator and per stratum (RFC 4180, CRLF). A
 * suppressed count is empty with `suppressed` = `true`; a cross-tabulated stratum joins its components with
 * `|`, as does its disaggregation. Text a spreadsheet would run as a formula is prefixed with a quote.
 */
export function measureReportCsv(report: MeasureReport): string {
  const lines: string[][] = [HEADER];
  const head = [report.measure, report.period.start ?? '', report.period.end ?? '', report.subject?.display ?? report.subject?.reference ?? ''];
  for (const g of report.group ?? []) {
    const indicator = g.code?.coding?.[0];
    const score = g.measureScore?.value === undefined ? '' : String(g.measureScore.value);
    const unit = g.measureScore?.unit ?? '';
    const pop = g.population?.[0];
    lines.push([...head, indicator?.code ?? '', indicator?.display ?? '', '', '', '', count(pop), score, unit, String(isMasked(pop))]);
    for (const s of g.stratifier ?? []) {
      const disaggregation = (s.code ?? []).map((c) => c.coding?.[0]?.code ?? '').join('|');
      for (const st of s.stratum ?? []) {
        const values = st.value !== undefined ? [st.value] : (st.component ?? []).map((c) => c.value);
        const codes = values.map((v) => v.coding?.[0]?.code ?? v.text ?? '').join('|');
        const displays = values.map(displayOf).join('|');
        const p = st.population?.[0];
        lines.push([...head, indicator?.code ?? '', indicator?.display ?? '', disaggregation, codes, displays, count(p), '', '', String(isMasked(p))]);
      }
    }
  }
  return lines.map((l) => l.map(field).join(',')).join('\r\n') + '\r\n';
}

function displayOf(value: CodeableConcept): string {
  return value.text ?? value.coding?.[0]?.display ?? value.coding?.[0]?.code ?? '';
}

function count(p: MeasureReportGroupPopulation | undefined): string {
  return p?.count === undefined ? '' : String(p.count);
}

function isMasked(p: MeasureReportGroupPopulation | undefined): boolean {
  return (p?.extension ?? []).some((e) => e.url === DATA_ABSENT_REASON_URL && e.valueCode === 'masked');
}

function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
