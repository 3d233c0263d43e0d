import type { EpisodeOfCare, Patient, Practitioner } from '@medplum/fhirtypes';
import { useState } from 'react';
import { RecordSection } from '../../components/RecordSection.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { OpenCaseForm } from './OpenCaseForm.js';

const openCaseStatuses = ['planned', 'waitlist', 'active', 'onhold'] as const;
type OpenCaseStatus = (typeof openCaseStatuses)[number];

const isOpenCaseStatus = (status: string): status is OpenCaseStatus => (openCaseStatuses as readonly string[]).includes(status);

function practitionerName(practitioner: Practitioner | undefined): string | undefined {
  const name = practitioner?.name?.[0];
  return name?.text ?? ([...(name?.given ?? []), name?.family].filter(Boolean).join(' ') || undefined);
}

interface OpenCasesProps {
  patient: Patient & { id: string };
  cases: readonly EpisodeOfCare[];
  practitioners: ReadonlyMap<string, Practitioner>;
  /** whether the signed-in member of staff may open a case (those who hold cases) */
  canOpen: boolean;
  onChanged(): void;
}

/** The beneficiary's open cases (EpisodeOfCare), with who manages each, and opening a new one. */
export function OpenCasesSection({ patient, cases, practitioners, canOpen, onChanged }: OpenCasesProps) {
  const { t, formatDate } = useI18n();
  const [opening, setOpening] = useState(false);
  return (
    <RecordSection
      id="cases"
      title={t('cases.title')}
      emptyText={t('cases.none')}
      isEmpty={cases.length === 0}
      footer={
        // offered while the person has no open case (one waiting for a case manager counts): one case, one manager
        !canOpen || cases.length > 0 ? null : opening ? (
          <OpenCaseForm patient={patient} onOpened={onChanged} onCancel={() => setOpening(false)} />
        ) : (
          <button type="button" className="button--secondary" onClick={() => setOpening(true)}>
            {t('openCase.open')}
          </button>
        )
      }
    >
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
