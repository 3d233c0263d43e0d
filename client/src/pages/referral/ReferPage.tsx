import type { Patient } from '@medplum/fhirtypes';
import { useState, type FormEvent } from 'react';
import { useAsync } from '../../api/use-async.js';
import { usePrincipal, useSession } from '../../auth/session-context.js';
import { usePatientName } from '../../beneficiary/PatientName.js';
import { loadRecipients, referralRoles, referralTransaction, type ReferralRole } from '../../clinical/referrals.js';
import { describeError } from '../../components/describe-error.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { Field } from '../../components/Field.js';
import { Fieldset } from '../../components/Fieldset.js';
import { usePageTitle } from '../../components/use-page-title.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Message } from '../../i18n/Message.js';
import { navigate, useSearchParam } from '../../routing/router.js';

/**
 * Referring a beneficiary inside the programme (to the psychiatrist or a psychologist): a ServiceRequest and
 * its Task in one transaction. The recipient finds it in their inbox; its state shows on the referrer's page.
 */
export function ReferPage({ patientId }: { patientId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { fhir } = useSession();
  const principal = usePrincipal();
  const [role, setRole] = useState<ReferralRole>('psychiatrist');
  const [recipientId, setRecipientId] = useState('');
  // `?priority=urgent`: the steps under a suicide-risk alert open the form with urgent chosen
  const asked = useSearchParam('priority');
  const [priority, setPriority] = useState<'routine' | 'urgent'>(asked === 'urgent' ? 'urgent' : 'routine');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<string[]>();
  const [sending, setSending] = useState(false);
  const patient = useAsync(() => fhir.read<Patient>('Patient', patientId), [fhir, patientId]);
  const recipients = useAsync(() => loadRecipients(fhir, role), [fhir, role]);
  const name = usePatientName(patient.status === 'done' ? patient.value : undefined);
  usePageTitle(t('referral.title', { patient: name }));
  const options = recipients.status === 'done' ? recipients.value : [];
  const recipient = options.find((r) => r.practitionerId === recipientId) ?? (options.length === 1 ? options[0] : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!recipient) return setErrors([t('referral.chooseRecipient')]);
    setSending(true);
    try {
      await fhir.transaction(referralTransaction({ patientId, requesterId: principal.practitionerId, requesterName: principal.displayName, recipient, priority, reason }));
      navigate(`/patients/${encodeURIComponent(patientId)}`);
    } catch (error) {
      setErrors([describeError(error, i18n)]);
      setSending(false);
    }
  };

  return (
    <>
      <h1>
        <Message id="referral.title" params={{ patient: <bdi>{name}</bdi> }} />
      </h1>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        {errors ? <ErrorSummary title={t('common.fixErrors')} messages={errors} /> : null}
        <Fieldset id="referral-role" legend={t('referral.to')}>
          <div className="options">
            {referralRoles.map((option) => (
              <label key={option} className="option">
                <input type="radio" name="referral-role" checked={role === option} onChange={() => {
                    setRole(option);
                    setRecipientId('');
                  }} />
                <span>{t(`role.${option}`)}</span>
              </label>
            ))}
          </div>
        </Fieldset>
        <Field id="referral-recipient" label={t('referral.recipient')}>
          {(control) => (
            <select {...control} value={recipient?.practitionerId ?? ''} onChange={(event) => setRecipientId(event.target.value)}>
              <option value="">{t('common.choose')}</option>
              {options.map((option) => (
                <option key={option.practitionerId} value={option.practitionerId}>
                  {option.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Fieldset id="referral-priority" legend={t('referral.priority')}>
          <div className="options">
            {(['routine', 'urgent'] as const).map((option) => (
              <label key={option} className="option">
                <input type="radio" name="referral-priority" checked={priority === option} onChange={() => setPriority(option)} />
                <span>{t(`referral.priority.${option}`)}</span>
              </label>
            ))}
          </div>
        </Fieldset>
        <Field id="referral-reason" label={t('referral.reason')}>
          {(control) => <textarea {...control} dir="auto" rows={4} value={reason} onChange={(event) => setReason(event.target.value)} />}
        </Field>
        <div className="form__actions">
          <button type="submit" disabled={sending}>
            {sending ? t('common.saving') : t('referral.send')}
          </button>
        </div>
      </form>
    </>
  );
}
