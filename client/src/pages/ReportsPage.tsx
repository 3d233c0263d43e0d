import type { MeasureReport } from '@medplum/fhirtypes';
import { useAsync } from '../api/use-async.js';
import { useSession } from '../auth/session-context.js';
import { AsyncContent } from '../components/AsyncContent.js';
import { usePageTitle } from '../components/use-page-title.js';
import { useI18n } from '../i18n/i18n-context.js';

/** What indicator reports exist. Aggregates only: this page never asks for, or shows, beneficiary data. */
export function ReportsPage() {
  const { t, formatDate, formatDateTime } = useI18n();
  const { fhir } = useSession();
  usePageTitle(t('reports.title'));
  const reports = useAsync(() => fhir.search<MeasureReport>('MeasureReport', { _sort: '-date', _count: '100' }).then((r) => r.matches), [fhir]);
  return (
    <>
      <h1>{t('reports.title')}</h1>
      <p>{t('reports.intro')}</p>
      <AsyncContent state={reports}>
        {(found) =>
          found.length === 0 ? (
            <p role="status" className="notice notice--info">
              {t('reports.none')}
            </p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('reports.measure')}</th>
                  <th scope="col">{t('reports.period')}</th>
                  <th scope="col">{t('reports.status')}</th>
                  <th scope="col">{t('reports.date')}</th>
                </tr>
              </thead>
              <tbody>
                {found.map((report) => (
                  <tr key={report.id}>
                    <th scope="row">{report.measure}</th>
                    <td>
                      {formatDate(report.period.start)} – {formatDate(report.period.end)}
                    </td>
                    <td>{report.status}</td>
                    <td>{formatDateTime(report.date)}</td>
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
