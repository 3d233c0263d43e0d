import type { Consent, QuestionnaireResponse } from '@medplum/fhirtypes';
import { useState } from 'react';
import { useSession } from '../../auth/session-context.js';
import { CONSENT_PURPOSE_KEYS, canWithdraw, consentFacts, withdrawnConsent, type ConsentFacts } from '../../clinical/consents.js';
import { describeError } from '../../components/describe-error.js';
import { RecordSection } from '../../components/RecordSection.js';
import { useI18n, type I18n } from '../../i18n/i18n-context.js';
import type { MessageKey } from '../../i18n/messages-en.js';

const STATUS_KEYS: Readonly<Record<Consent['status'], MessageKey>> = {
  active: 'consents.status.active',
  inactive: 'consents.status.inactive',
  rejected: 'consents.status.rejected',
  proposed: 'consents.status.proposed',
  draft: 'consents.status.draft',
  'entered-in-error': 'consents.status.entered-in-error',
};

/** What follows from withdrawing, as the server carries it out (server/clinical/consent-withdrawal.ts). */
const WITHDRAWAL_EFFECT: Readonly<Partial<Record<NonNullable<ConsentFacts['purpose']>, MessageKey>>> = {
  services: 'consents.withdrawEffect.services',
  sharing: 'consents.withdrawEffect.sharing',
  'doh-exchange': 'consents.withdrawEffect.doh-exchange',
};

/** What a consent is for, in the interface language (and with whom it shares, for a sharing consent). */
export function purposeText(facts: ConsentFacts, t: I18n['t']): string {
  const purpose = facts.purpose ? t(CONSENT_PURPOSE_KEYS[facts.purpose]) : (facts.otherPurpose ?? '');
  return facts.sharedWith ? t('consents.sharedWith', { purpose, organisation: facts.sharedWith }) : purpose;
}

/**
 * The beneficiary's consents, each with what it is for, its status and dates, and who gave it when a caregiver
 * did; one in force can be withdrawn after a confirmation (a withdrawn consent stays on the record, marked).
 */
export function ConsentsSection({ consents, consentForms, onChanged }: { consents: readonly Consent[]; consentForms: readonly QuestionnaireResponse[]; onChanged(): void }) {
  const { t, formatDate } = useI18n();
  const latest = consentForms[0];
  return (
    <RecordSection id="consents" title={t('consents.title')} emptyText={t('consents.none')} isEmpty={consents.length === 0 && consentForms.length === 0}>
      {latest ? <p>{t('consents.formsFilled', { count: consentForms.length, date: formatDate(latest.authored) })}</p> : null}
      {consents.length > 0 ? (
        <ul className="plain-list consents">
          {consents.map((consent) => (
            <ConsentItem key={consent.id} consent={consent} onChanged={onChanged} />
          ))}
        </ul>
      ) : null}
    </RecordSection>
  );
}

function ConsentItem({ consent, onChanged }: { consent: Consent; onChanged(): void }) {
  const i18n = useI18n();
  const { t, formatDate } = i18n;
  const { fhir } = useSession();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const facts = consentFacts(consent);
  const purpose = purposeText(facts, t);
  const titleId = `consent-${consent.id ?? ''}`;
  const effect = facts.purpose ? WITHDRAWAL_EFFECT[facts.purpose] : undefined;

  const withdraw = async () => {
    if (!consent.id) return;
    setBusy(true);
    try {
      await fhir.update(withdrawnConsent({ ...consent, id: consent.id }));
      onChanged();
    } catch (failure) {
      setError(describeError(failure, i18n));
      setBusy(false);
    }
  };

  return (
    <li className="consent" aria-labelledby={titleId}>
      <div className="consent__head">
        <strong id={titleId} dir="auto">
          {purpose}
        </strong>{' '}
        <span className={consent.status === 'active' ? 'badge badge--ok' : 'badge'}>{t(STATUS_KEYS[consent.status])}</span>
      </div>
      <p className="muted consent__dates">
        {[
          facts.given ? t('consents.given', { date: formatDate(facts.given) }) : undefined,
          facts.validUntil ? t('consents.validUntil', { date: formatDate(facts.validUntil) }) : undefined,
          facts.withdrawn ? t('consents.withdrawnOn', { date: formatDate(facts.withdrawn) }) : undefined,
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {facts.caregiver ? (
        <p className="muted">
          {t('consents.byCaregiver')} <bdi>{facts.caregiver}</bdi>
        </p>
      ) : null}
      {error ? (
        <p className="field__errors" role="alert">
          {error}
        </p>
      ) : null}
      {canWithdraw(consent) && confirming ? (
        <div className="notice notice--warning consent__confirm" role="group" aria-label={t('consents.withdrawConfirmTitle', { purpose })}>
          <p className="notice__title">{t('consents.withdrawConfirmTitle', { purpose })}</p>
          <p>{t(effect ?? 'consents.withdrawEffect.other')}</p>
          <div className="actions">
            <button type="button" className="button--danger" disabled={busy} onClick={() => void withdraw()}>
              {busy ? t('common.saving') : t('consents.withdrawConfirm')}
            </button>
            {/* focus lands on the choice that changes nothing: the button pressed to get here is gone */}
            <button type="button" className="button--secondary" disabled={busy} autoFocus onClick={() => setConfirming(false)}>
              {t('consents.withdrawKeep')}
            </button>
          </div>
        </div>
      ) : canWithdraw(consent) ? (
        <button type="button" className="button--secondary" aria-describedby={titleId} onClick={() => setConfirming(true)}>
          {t('consents.withdraw')}
        </button>
      ) : null}
    </li>
  );
}
