import type { Patient, Task } from '@medplum/fhirtypes';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error.js';
import { sortIssuesByField, type FieldIssues } from '../../api/field-issues.js';
import { useAsync } from '../../api/use-async.js';
import { usePrincipal, useSession } from '../../auth/session-context.js';
import { usePatientName } from '../../beneficiary/PatientName.js';
import {
  consultationFieldOf,
  consultationProblems,
  consultationTransaction,
  mayComplete,
  type ConsultationDraft,
  type ConsultationField,
} from '../../clinical/consultation.js';
import { today } from '../../clinical/today.js';
import { AsyncContent } from '../../components/AsyncContent.js';
import { describeError } from '../../components/describe-error.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { Field } from '../../components/Field.js';
import { usePageTitle } from '../../components/use-page-title.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Message } from '../../i18n/Message.js';
import { navigate, useLeaveGuard, useSearchParam } from '../../routing/router.js';
import { ModalityField } from '../session/ModalityField.js';
import { DiagnosisPicker } from './DiagnosisPicker.js';

/**
 * A psychiatrist's or psychologist's consultation with one beneficiary: the note, the diagnoses in ICD-10, and
 * — when it answers a referral (`?referral=<Task id>`) — the referral moved on, all in one transaction. What
 * was typed stays when the form or the server refuses it.
 */
export function ConsultationPage({ patientId }: { patientId: string }) {
  const { fhir } = useSession();
  const referralId = useSearchParam('referral');
  const loaded = useAsync(async () => {
    const [patient, referral] = await Promise.all([
      fhir.read<Patient>('Patient', patientId),
      referralId ? fhir.read<Task>('Task', referralId) : Promise.resolve(undefined),
    ]);
    // a referral about someone else is not this consultation's
    return { patient, referral: referral?.for?.reference === `Patient/${patientId}` ? referral : undefined };
  }, [fhir, patientId, referralId]);
  return <AsyncContent state={loaded}>{({ patient, referral }) => <ConsultationForm patient={patient} referral={referral} />}</AsyncContent>;
}

function ConsultationForm({ patient, referral }: { patient: Patient; referral: Task | undefined }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { fhir } = useSession();
  const principal = usePrincipal();
  const name = usePatientName(patient);
  usePageTitle(t('consultation.title', { patient: name }));
  const patientId = patient.id ?? '';
  const [draft, setDraft] = useState<ConsultationDraft>({
    patientId,
    clinician: { practitionerId: principal.practitionerId, name: principal.displayName, role: principal.role },
    date: today(),
    modality: '',
    note: '',
    diagnoses: [],
    diagnosisSearch: '',
    complete: false,
    outcome: '',
  });
  const [refusal, setRefusal] = useState<FieldIssues<ConsultationField>>();
  const [saving, setSaving] = useState(false);
  const set = (change: Partial<ConsultationDraft>) => setDraft((current) => ({ ...current, ...change }));
  // a field edited after a refusal no longer says what was wrong with it before
  const edit = (field: ConsultationField, change: Partial<ConsultationDraft>) => {
    set(change);
    setRefusal((current) => (current?.byField[field] ? { ...current, byField: { ...current.byField, [field]: undefined } } : current));
  };
  const typed = draft.note.trim() !== '' || draft.diagnoses.length > 0 || draft.outcome.trim() !== '';
  useLeaveGuard(typed && !saving, t('consultation.leave'));
  const errorsAt = (field: ConsultationField): readonly string[] => refusal?.byField[field] ?? [];
  const completable = mayComplete(referral);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = consultationProblems(draft, referral, today());
    if (Object.keys(problems).length > 0) {
      const byField = Object.fromEntries(Object.entries(problems).map(([field, key]) => [field, [t(key)]]));
      return setRefusal({ byField, general: [] });
    }
    setSaving(true);
    try {
      await fhir.transaction(consultationTransaction(draft, referral));
      navigate(`/patients/${encodeURIComponent(patientId)}`, { leaving: 'unguarded' });
    } catch (error) {
      setSaving(false);
      if (error instanceof ApiError && error.status === 403) return setRefusal({ byField: {}, general: [t('consultation.notYours')] });
      const issues = error instanceof ApiError ? error.issues : [];
      const sorted = sortIssuesByField(issues, (expression) => consultationFieldOf(expression, draft.diagnoses.length), i18n.describeIssue);
      setRefusal(issues.length > 0 ? sorted : { byField: {}, general: [describeError(error, i18n)] });
    }
  };

  return (
    <>
      <h1>
        <Message id="consultation.title" params={{ patient: <bdi>{name}</bdi> }} />
      </h1>
      {referral ? (
        <div className="notice">
          <p>
            {referral.requester?.display ? (
              <Message id="consultation.forReferralFrom" params={{ name: <bdi>{referral.requester.display}</bdi> }} />
            ) : (
              t('consultation.forReferral')
            )}
          </p>
          {referral.description ? <p dir="auto">{referral.description}</p> : null}
          {referral.status === 'accepted' ? <p>{t('consultation.startsReferral')}</p> : null}
        </div>
      ) : null}
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        {refusal ? <ErrorSummary title={t('common.fixErrors')} messages={refusal.general} /> : null}
        <Field id="consultation-date" label={t('consultation.date')} errors={errorsAt('date')} required>
          {(control) => <input {...control} type="date" className="input--date" value={draft.date} max={today()} onChange={(event) => edit('date', { date: event.target.value })} />}
        </Field>
        <ModalityField id="consultation-modality" value={draft.modality} onChange={(modality) => set({ modality })} />
        <Field id="consultation-note" label={t('consultation.note')} hint={t('consultation.noteHint')} errors={errorsAt('note')} required>
          {(control) => <textarea {...control} dir="auto" rows={8} value={draft.note} onChange={(event) => edit('note', { note: event.target.value })} />}
        </Field>
        <DiagnosisPicker
          chosen={draft.diagnoses}
          search={draft.diagnosisSearch}
          latest={draft.date || today()}
          errors={errorsAt('diagnosis')}
          onSearch={(diagnosisSearch) => edit('diagnosis', { diagnosisSearch })}
          onChange={(diagnoses) => edit('diagnosis', { diagnoses })}
        />
        {completable ? (
          <div className="fieldset">
            <label className="option">
              <input type="checkbox" checked={draft.complete} onChange={(event) => set({ complete: event.target.checked })} />
              <span>{t('consultation.complete')}</span>
            </label>
            {draft.complete ? (
              <Field id="consultation-outcome" label={t('inbox.outcome')} errors={errorsAt('outcome')} required>
                {(control) => <textarea {...control} dir="auto" rows={3} value={draft.outcome} onChange={(event) => edit('outcome', { outcome: event.target.value })} />}
              </Field>
            ) : null}
          </div>
        ) : null}
        <div className="form__actions">
          <button type="submit" disabled={saving}>
            {saving ? t('common.saving') : t('consultation.save')}
          </button>
        </div>
      </form>
    </>
  );
}
