import type { Patient } from '@medplum/fhirtypes';
import { useState, type FormEvent } from 'react';
import { usePrincipal, useSession } from '../../auth/session-context.js';
import { registrationSiteOf } from '../../beneficiary/registration-site.js';
import { isMissingServicesConsent, newCase, startDateProblem } from '../../clinical/open-case.js';
import { today } from '../../clinical/today.js';
import { describeError } from '../../components/describe-error.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Message } from '../../i18n/Message.js';
import { Link } from '../../routing/router.js';

type Refusal = { kind: 'no-consent' } | { kind: 'date'; message: string } | { kind: 'other'; message: string };

/**
 * Opening a case for the beneficiary, held by whoever opens it, at the organisation that holds the record.
 * Without a consent to services in force the server refuses (409): the form says so, points to the consent
 * form, and keeps the date typed.
 */
export function OpenCaseForm({ patient, onOpened, onCancel }: { patient: Patient & { id: string }; onOpened(): void; onCancel(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { fhir } = useSession();
  const principal = usePrincipal();
  const [start, setStart] = useState(today);
  const [refusal, setRefusal] = useState<Refusal>();
  const [saving, setSaving] = useState(false);
  const site = registrationSiteOf(patient);
  const organizationId = patient.managingOrganization?.reference?.replace(/^Organization\//, '') ?? principal.organization.id;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = startDateProblem(start, today());
    if (problem) return setRefusal({ kind: 'date', message: t(problem === 'future' ? 'openCase.startFuture' : 'openCase.startMissing') });
    setSaving(true);
    try {
      await fhir.create(newCase({ patientId: patient.id, practitionerId: principal.practitionerId, practitionerName: principal.displayName, organizationId, start }));
      onOpened();
    } catch (error) {
      setRefusal(isMissingServicesConsent(error) ? { kind: 'no-consent' } : { kind: 'other', message: describeError(error, i18n) });
      setSaving(false);
    }
  };

  return (
    <form className="form open-case" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="open-case-title">
      <h3 id="open-case-title">{t('openCase.title')}</h3>
      {refusal?.kind === 'no-consent' ? (
        <div className="notice notice--error" role="alert">
          <p className="notice__title">{t('openCase.noConsentTitle')}</p>
          <p>{t('openCase.noConsentWhat')}</p>
          <Link to={`/patients/${encodeURIComponent(patient.id)}/forms/consent`} className="button">
            {t('consents.record')}
          </Link>
        </div>
      ) : refusal?.kind === 'other' ? (
        <p className="field__errors" role="alert">
          {refusal.message}
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t('openCase.manager')}</dt>
        <dd>
          <Message id="openCase.managerYou" params={{ name: <bdi>{principal.displayName}</bdi> }} />
        </dd>
        <dt>{t('openCase.organisation')}</dt>
        <dd dir="auto">{patient.managingOrganization?.display ?? principal.organization.name ?? t('common.notRecorded')}</dd>
        {site ? (
          <>
            <dt>{t('openCase.site')}</dt>
            <dd dir="auto">{site}</dd>
          </>
        ) : null}
      </dl>
      <Field id="open-case-start" label={t('openCase.start')} errors={refusal?.kind === 'date' ? [refusal.message] : []} required>
        {(control) => (
          <input
            {...control}
            type="date"
            className="input--date"
            value={start}
            max={today()}
            // the button that opened the form is gone; the one field takes the focus
            autoFocus
            onChange={(event) => {
              setStart(event.target.value);
              if (refusal?.kind === 'date') setRefusal(undefined);
            }}
          />
        )}
      </Field>
      <div className="actions">
        <button type="submit" disabled={saving}>
          {saving ? t('common.saving') : t('openCase.submit')}
        </button>
        <button type="button" className="button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
