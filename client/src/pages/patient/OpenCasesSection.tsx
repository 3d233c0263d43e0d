import type { EpisodeOfCare, Practitioner } from '@medplum/fhirtypes';
import { RecordSection } from '../../components/RecordSection.js';
import { useI18n } from '../../i18n/i18n-context.js';

const openCaseStatuses = ['planned', 'active', 'onhold'] as const;
type OpenCaseStatus = (typeof openCaseStatuses)[number];

const isOpenCaseStatus = (status: string): status is OpenCaseStatus => (openCaseStatuses as readonly string[]).includes(status);

function practitionerName(practitioner: Practitioner | undefined): string | undefined {
  const name = practitioner?.name?.[0];
  return name?.text ?? ([...(name?.given ?? []), name?.family].filter(Boolean).join(' ') || undefined);
}

/** The beneficiary's open cases (EpisodeOfCare), with who manages each. */
export function OpenCasesSection({ cases, practitioners }: { cases: readonly EpisodeOfCare[]; practitioners: ReadonlyMap<string, Practitioner> }) {
  const { t, formatDate } = useI18n();
  return (
    <RecordSection id="cases" title={t('cases.title')} emptyText={t('cases.none')} isEmpty={cases.length === 0}>
      <ul className="plain-list">
        {cases.map((episode) => {
          const managerRef = episode.careManager?.reference ?? '';
          const manager = episode.careManager?.display ?? practitionerName(practitioners.get(managerRef));
          const status = isOpenCaseStatus(episode.status) ? t(`cases.status.${episode.status}`) : episode.status;
          return (
            <li key={episode.id}>
              <span className="badge">{status}</span> {episode.period?.start ? t('cases.since', { date: formatDate(episode.period.start) }) : null}
              <div className="muted">{manager ? t('cases.careManager', { name: manager }) : t('cases.noCareManager')}</div>
            </li>
          );
        })}
      </ul>
    </RecordSection>
  );
}
