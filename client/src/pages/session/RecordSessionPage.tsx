import type { Patient } from '@medplum/fhirtypes';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error.js';
import { useAsync } from '../../api/use-async.js';
import { usePrincipal, useSession } from '../../auth/session-context.js';
import { usePatientName } from '../../beneficiary/PatientName.js';
import { beneficiaryServices, sessionEncounter, type SessionDraft } from '../../clinical/service-session.js';
import { today } from '../../clinical/today.js';
import { describeError } from '../../components/describe-error.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { Field } from '../../components/Field.js';
import { usePageTitle } from '../../components/use-page-title.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Message } from '../../i18n/Message.js';
import { navigate } from '../../routing/router.js';
import { ModalityField } from './ModalityField.js';

/**
 * Recording a session given to one beneficiary: the service from Hiwa's catalogue, how it was delivered, the
 * day. Counselling and psychiatric services are the clinicians' (the server labels them PSY and refuses
 * them to a caseworker, and the refusal is shown as such).
 */
export function RecordSessionPage({ patientId }: { patientId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { fhir } = useSession();
  const principal = usePrincipal();
  const [draft, setDraft] = useState<SessionDraft>({ patientId, practitionerId: principal.practitionerId, service: '', modality: '', date: today(), pmPlusSession: '' });
  const [errors, setErrors] = useState<string[]>();
  const [saving, setSaving] = useState(false);
  const patient = useAsync(() => fhir.read<Patient>('Patient', patientId), [fhir, patientId]);
  const name = usePatientName(patient.status === 'done' ? patient.value : undefined);
  usePageTitle(t('session.title', { patient: name }));
  const set = (change: Partial<SessionDraft>) => setDraft((current) => ({ ...current, ...change }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft.service) return setErrors([t('session.chooseService')]);
    setSaving(true);
    try {
      await fhir.create(sessionEncounter(draft));
      navigate(`/patients/${encodeURIComponent(patientId)}`);
    } catch (error) {
      setErrors([error instanceof ApiError && error.status === 403 ? t('session.notYours') : describeError(error, i18n)]);
      setSaving(false);
    }
  };

  return (
    <>
      <h1>
        <Message id="session.title" params={{ patient: <bdi>{name}</bdi> }} />
      </h1>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        {errors ? <ErrorSummary title={t('common.fixErrors')} messages={errors} /> : null}
        <Field id="session-service" label={t('session.service')} required>
          {(control) => (
            <select {...control} value={draft.service} onChange={(event) => set({ service: event.target.value })}>
              <option value="">{t('common.choose')}</option>
              {beneficiaryServices.map((service) => (
                <option key={service.code} value={service.code} lang="en" dir="ltr">
                  {service.display}
                </option>
              ))}
            </select>
          )}
        </Field>
        {draft.service === 'pm-plus' ? (
          <Field id="session-pm-plus" label={t('session.pmPlusNumber')} required>
            {(control) => <input {...control} type="text" inputMode="numeric" className="input--short" value={draft.pmPlusSession} onChange={(e) => set({ pmPlusSession: e.target.value })} />}
          </Field>
        ) : null}
        <ModalityField id="session-modality" value={draft.modality} onChange={(modality) => set({ modality })} />
        <Field id="session-date" label={t('session.date')} required>
          {(control) => <input {...control} type="date" value={draft.date} max={today()} onChange={(event) => set({ date: event.target.value })} />}
        </Field>
        <div className="form__actions">
          <button type="submit" disabled={saving}>
            {saving ? t('common.saving') : t('session.save')}
          </button>
        </div>
      </form>
    </>
  );
}
