import type { Location, Measure, MeasureReport, Organization } from '@medplum/fhirtypes';
import { useState, type FormEvent } from 'react';
import { useAsync } from '../api/use-async.js';
import { useSession } from '../auth/session-context.js';
import { AsyncContent } from '../components/AsyncContent.js';
import { describeError } from '../components/describe-error.js';
import { ErrorSummary } from '../components/ErrorSummary.js';
import { Field } from '../components/Field.js';
import { usePageTitle } from '../components/use-page-title.js';
import { useI18n } from '../i18n/i18n-context.js';
import { ReportTables } from '../reports/ReportTables.js';

interface Directory {
  measures: Measure[];
  organizations: Organization[];
  sites: Location[];
}

const thisYear = (): { from: string; to: string } => {
  const today = new Date().toISOString().slice(0, 10);
  return { from: `${today.slice(0, 4)}-01-01`, to: today };
};

/**
 * Programme indicators: pick a measure, a period and what to report on, see the tables and a chart by any
 * disaggregation, download the same table as CSV, save it. Aggregates only: this page never asks for, or
 * shows, beneficiary data; the server suppresses small counts for roles whose figures leave the organisation.
 */
export function ReportsPage() {
  const i18n = useI18n();
  const { t, formatDate, formatDateTime } = i18n;
  const { fhir } = useSession();
  usePageTitle(t('reports.title'));
  const [form, setForm] = useState({ measure: '', ...thisYear(), subject: '' });
  const [shown, setShown] = useState<{ report: MeasureReport; params: Record<string, string>; measureId: string } | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const directory = useAsync<Directory>(async () => {
    const [measures, organizations, sites] = await Promise.all([
      fhir.search<Measure>('Measure', { _count: '50' }),
      fhir.search<Organization>('Organization', { _count: '200' }),
      fhir.search<Location>('Location', { _count: '200' }),
    ]);
    return { measures: measures.matches, organizations: organizations.matches, sites: sites.matches };
  }, [fhir]);
  const stored = useAsync(() => fhir.search<MeasureReport>('MeasureReport', { _sort: '-date', _count: '100' }).then((r) => r.matches), [fhir, saved]);

  const params = (): Record<string, string> => ({ periodStart: form.from, periodEnd: form.to, ...(form.subject ? { subject: form.subject } : {}) });
  const measureId = (measures: Measure[]): string => form.measure || (measures[0]?.id ?? '');

  const run = async (measures: Measure[], store: boolean) => {
    setBusy(true);
    setProblem(undefined);
    setSaved(false);
    try {
      const id = measureId(measures);
      const report = await fhir.evaluateMeasure(id, params(), { store });
      setShown({ report, params: params(), measureId: id });
      if (store) setSaved(true);
    } catch (error) {
      setProblem(describeError(error, i18n));
    } finally {
      setBusy(false);
    }
  };

  const download = async () => {
    if (!shown) return;
    try {
      const blob = await fhir.evaluateMeasureCsv(shown.measureId, shown.params);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = `report-${shown.params.periodStart}-${shown.params.periodEnd}.csv`;
      document.body.append(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(link.href);
    } catch (error) {
      setProblem(describeError(error, i18n));
    }
  };

  return (
    <>
      <h1>{t('reports.title')}</h1>
      <p>{t('reports.intro')}</p>
      <AsyncContent state={directory}>
        {({ measures, organizations, sites }) => (
          <form
            className="report-form"
            aria-labelledby="produce-title"
            onSubmit={(event: FormEvent) => {
              event.preventDefault();
              void run(measures, false);
            }}
          >
            <h2 id="produce-title">{t('reports.produce.title')}</h2>
            {problem ? <ErrorSummary title={t('reports.failed')} messages={[problem]} /> : null}
            <div className="report-form__fields">
              <Field id="report-measure" label={t('reports.produce.measure')}>
                {(control) => (
                  <select {...control} value={measureId(measures)} onChange={(e) => setForm({ ...form, measure: e.target.value })}>
                    {measures.map((m) => (
                      <option key={m.id} value={m.id}>
                        {m.title ?? m.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field id="report-from" label={t('reports.produce.from')}>
                {(control) => <input {...control} type="date" required value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} />}
              </Field>
              <Field id="report-to" label={t('reports.produce.to')}>
                {(control) => <input {...control} type="date" required value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} />}
              </Field>
              <Field id="report-subject" label={t('reports.produce.subject')}>
                {(control) => (
                  <select {...control} value={form.subject} onChange={(e) => setForm({ ...form, subject: e.target.value })}>
                    <option value="">{t('reports.produce.everything')}</option>
                    {organizations.map((o) => (
                      <option key={o.id} value={`Organization/${o.id}`}>
                        {o.name}
                      </option>
                    ))}
                    {sites.map((s) => (
                      <option key={s.id} value={`Location/${s.id}`}>
                        {s.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            <div className="actions">
              <button type="submit" disabled={busy}>
                {t('reports.produce.submit')}
              </button>
              <button type="button" className="button--secondary" disabled={busy} onClick={() => void run(measures, true)}>
                {t('reports.produce.save')}
              </button>
            </div>
            {saved ? (
              <p role="status" className="notice notice--success">
                {t('reports.produce.saved')}
              </p>
            ) : null}
          </form>
        )}
      </AsyncContent>

      {shown ? (
        <section aria-labelledby="report-result" className="report-result">
          <h2 id="report-result">
            {formatDate(shown.report.period.start)} – {formatDate(shown.report.period.end)}
          </h2>
          <button type="button" onClick={() => void download()}>
            {t('reports.download')}
          </button>
          <ReportTables report={shown.report} />
        </section>
      ) : null}

      <h2>{t('reports.stored')}</h2>
      <AsyncContent state={stored}>
        {(found) =>
          found.length === 0 ? (
            <p role="status" className="notice notice--info">
              {t('reports.none')}
            </p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('reports.produce.measure')}</th>
                  <th scope="col">{t('reports.period')}</th>
                  <th scope="col">{t('reports.date')}</th>
                  <th scope="col">{t('reports.open')}</th>
                </tr>
              </thead>
              <tbody>
                {found.map((report) => (
                  <tr key={report.id}>
                    <th scope="row">{report.measure.split('/').pop()?.split('|')[0]}</th>
                    <td>
                      {formatDate(report.period.start)} – {formatDate(report.period.end)}
                    </td>
                    <td>{formatDateTime(report.date)}</td>
                    <td>
                      <button
                        type="button"
                        className="button--secondary"
                        onClick={() =>
                          setShown({
                            report,
                            measureId: directory.status === 'done' ? (directory.value.measures.find((m) => `${m.url}|${m.version}` === report.measure)?.id ?? '') : '',
                            params: { periodStart: report.period.start ?? '', periodEnd: report.period.end ?? '', ...(report.subject?.reference ? { subject: report.subject.reference } : {}) },
                          })
                        }
                      >
                        {t('reports.open')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </AsyncContent>
    </>
  );
}
