import type { Consent, QuestionnaireResponse } from '@medplum/fhirtypes';
import { RecordSection } from '../../components/RecordSection.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { MessageKey } from '../../i18n/messages-en.js';

const STATUS_KEYS: Readonly<Record<Consent['status'], MessageKey>> = {
  active: 'consents.status.active',
  inactive: 'consents.status.inactive',
  rejected: 'consents.status.rejected',
  proposed: 'consents.status.proposed',
  draft: 'consents.status.draft',
  'entered-in-error': 'consents.status.entered-in-error',
};

/** What a consent is for, as the record words it (purpose, else category, else scope). */
function purposeOf(consent: Consent): string {
  const purpose = consent.provision?.purpose?.[0];
  const category = consent.category?.[0];
  return purpose?.display ?? purpose?.code ?? category?.text ?? category?.coding?.[0]?.display ?? consent.scope?.text ?? consent.scope?.coding?.[0]?.code ?? '';
}

/** The beneficiary's consents, each with its status (a withdrawn consent stays, marked withdrawn), and the forms filled in. */
export function ConsentsSection({ consents, consentForms }: { consents: readonly Consent[]; consentForms: readonly QuestionnaireResponse[] }) {
  const { t, formatDate } = useI18n();
  const latest = consentForms[0];
  return (
    <RecordSection id="consents" title={t('consents.title')} emptyText={t('consents.none')} isEmpty={consents.length === 0 && consentForms.length === 0}>
      {latest ? <p>{t('consents.formsFilled', { count: consentForms.length, date: formatDate(latest.authored) })}</p> : null}
      {consents.length > 0 ? (
        <table className="table table--stack">
          <thead>
            <tr>
              <th scope="col">{t('consents.purpose')}</th>
              <th scope="col">{t('consents.status')}</th>
              <th scope="col">{t('consents.date')}</th>
            </tr>
          </thead>
          <tbody>
            {consents.map((consent) => (
              <tr key={consent.id}>
                <th scope="row" dir="auto" data-label={t('consents.purpose')}>
                  {purposeOf(consent)}
                </th>
                <td data-label={t('consents.status')}>
                  <span className={consent.status === 'active' ? 'badge badge--ok' : 'badge'}>{t(STATUS_KEYS[consent.status])}</span>
                </td>
                <td data-label={t('consents.date')}>{formatDate(consent.dateTime)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </RecordSection>
  );
}
