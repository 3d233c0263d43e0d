import type { MeasureReport } from '@medplum/fhirtypes';
import { useMemo, useState } from 'react';
import { Field } from '../components/Field.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { MessageKey } from '../i18n/messages-en.js';
import { BarChart } from './BarChart.js';
import { reportView, type Figure } from './report-view.js';

/**
 * A report's figures: every indicator with its count and score, then the strata of one disaggregation
 * (chosen here) as a table and a chart per indicator. A suppressed figure reads "suppressed", in words and
 * with a mark, never as 0; the note under the tables says why.
 */
export function ReportTables({ report }: { report: MeasureReport }) {
  const { t, language, formatNumber } = useI18n();
  const view = useMemo(() => reportView(report), [report]);
  const [chosen, setChosen] = useState<string | undefined>();
  const disaggregation = chosen && view.disaggregations.includes(chosen) ? chosen : view.disaggregations[0];

  /** The interface's text for a code, or the server's wording when the interface has none. */
  const label = (prefix: string, code: string, fallback: string): string => {
    const key = `${prefix}.${code}`;
    return key in language.messages ? t(key as MessageKey) : fallback;
  };
  const figure = (value: Figure) =>
    value === null ? (
      <span className="suppressed">
        <abbr title={t('reports.suppressedNote')}>{t('reports.suppressed')}</abbr>
      </span>
    ) : (
      formatNumber(value)
    );
  const unit = (u: string) => label('reports.unit', u, u);
  const anySuppressed = view.indicators.some((i) => i.count === null || i.score?.value === null);

  return (
    <>
      <table className="table report-table">
        <thead>
          <tr>
            <th scope="col">{t('reports.measure')}</th>
            <th scope="col">{t('reports.count')}</th>
            <th scope="col">{t('reports.score')}</th>
          </tr>
        </thead>
        <tbody>
          {view.indicators.map((ind) => (
            <tr key={ind.code}>
              <th scope="row">{label('indicator', ind.code, ind.display)}</th>
              <td className="number">{figure(ind.count)}</td>
              <td className="number">
                {ind.score === undefined ? '' : (
                  <>
                    {figure(ind.score.value)} {ind.score.value === null ? '' : unit(ind.score.unit)}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      {disaggregation === undefined ? null : (
        <>
          <Field id="report-disaggregation" label={t('reports.disaggregation')}>
            {(control) => (
              <select {...control} value={disaggregation} onChange={(e) => setChosen(e.target.value)}>
                {view.disaggregations.map((d) => (
                  <option key={d} value={d}>
                    {label('disaggregation', d, d)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {view.indicators.map((ind) => {
            const strata = view.strata(ind.code, disaggregation);
            if (strata === undefined || strata.length === 0) return null;
            const name = label('indicator', ind.code, ind.display);
            const title = t('reports.chartTitle', { indicator: name, disaggregation: label('disaggregation', disaggregation, disaggregation) });
            const stratumLabel = (codes: string[], names: string[]) =>
              codes.map((c, i) => (names[i] !== c ? names[i] : label('stratum', c, c))).join(' · ');
            const rows = strata.map((s) => ({ label: stratumLabel(s.codes, s.names), value: s.count }));
            return (
              <section key={ind.code} className="report-stratified" aria-label={title}>
                <table className="table report-table">
                  <caption>{title}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{label('disaggregation', disaggregation, disaggregation)}</th>
                      <th scope="col">{t('reports.count')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row, i) => (
                      <tr key={`${row.label}-${i}`}>
                        <th scope="row">
                          <bdi>{row.label}</bdi>
                        </th>
                        <td className="number">{figure(row.value)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <BarChart bars={rows} title={title} suppressedLabel={t('reports.suppressed')} format={formatNumber} />
              </section>
            );
          })}
        </>
      )}
      {anySuppressed ? <p className="muted">{t('reports.suppressedNote')}</p> : null}
    </>
  );
}
