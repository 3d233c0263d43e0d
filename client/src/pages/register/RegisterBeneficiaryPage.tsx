import type { Patient } from '@medplum/fhirtypes';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error.js';
import { noFieldIssues, sortIssuesByField, type FieldIssues } from '../../api/field-issues.js';
import { useSession } from '../../auth/session-context.js';
import {
  emptyDraft,
  fieldOfExpression,
  parseEstimatedAge,
  patientFromDraft,
  type BeneficiaryDraft,
  type BeneficiaryField,
} from '../../beneficiary/beneficiary-draft.js';
import { findPossibleMatches } from '../../beneficiary/possible-matches.js';
import { describeError } from '../../components/describe-error.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { usePageTitle } from '../../components/use-page-title.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { navigate } from '../../routing/router.js';
import { BeneficiaryFields } from './BeneficiaryFields.js';
import { PossibleMatches } from './PossibleMatches.js';

type Phase = 'editing' | 'checking' | 'saving';

/** The names a match search was made for; changing either name asks for a new search. */
const namesKey = (draft: BeneficiaryDraft) => `${draft.nameLatin.trim()}\n${draft.nameArabicScript.trim()}`;

/**
 * Registration, search first: existing records with similar names are shown before a new record is made.
 * A refused save leaves the form as typed and puts each of the server's issues at its field.
 */
export function RegisterBeneficiaryPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { fhir } = useSession();
  usePageTitle(t('register.title'));
  const [draft, setDraft] = useState<BeneficiaryDraft>(emptyDraft);
  const [phase, setPhase] = useState<Phase>('editing');
  const [issues, setIssues] = useState<FieldIssues<BeneficiaryField>>(noFieldIssues);
  const [refused, setRefused] = useState(false);
  const [matches, setMatches] = useState<{ names: string; patients: Patient[] }>();

  const save = async () => {
    setPhase('saving');
    try {
      const created = await fhir.create(patientFromDraft(draft, new Date()));
      navigate(`/patients/${encodeURIComponent(created.id ?? '')}`);
    } catch (error) {
      setIssues(error instanceof ApiError ? sortIssuesByField(error.issues, (e) => fieldOfExpression(e, draft), i18n.describeIssue) : { byField: {}, general: [describeError(error, i18n)] });
      setRefused(true);
      setPhase('editing');
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (draft.birthMode === 'estimated-age' && parseEstimatedAge(draft.estimatedAge) === undefined) {
      setIssues({ byField: { estimatedAge: [t('register.ageInvalid')] }, general: [] });
      setRefused(true);
      return;
    }
    const names = namesKey(draft);
    if (matches?.names !== names && names.trim() !== '') {
      setPhase('checking');
      try {
        const found = await findPossibleMatches(fhir, draft);
        setMatches({ names, patients: found });
        if (found.length > 0) {
          setPhase('editing');
          return;
        }
      } catch (error) {
        setIssues({ byField: {}, general: [describeError(error, i18n)] });
        setRefused(true);
        setPhase('editing');
        return;
      }
    }
    await save();
  };

  const shownMatches = matches && matches.names === namesKey(draft) ? matches.patients : [];
  return (
    <>
      <h1>{t('register.title')}</h1>
      <p className="muted">{t('register.intro')}</p>
      {refused ? <ErrorSummary title={t('common.fixErrors')} messages={issues.general} /> : null}
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <BeneficiaryFields draft={draft} errors={issues.byField} onChange={setDraft} />
        <div className="form__actions">
          {/* While possible matches are shown, the choice is made there: open one, or register as new. */}
          <button type="submit" disabled={phase !== 'editing' || shownMatches.length > 0}>
            {phase === 'checking' ? t('register.checking') : phase === 'saving' ? t('common.saving') : t('register.submit')}
          </button>
        </div>
      </form>
      {shownMatches.length > 0 ? <PossibleMatches matches={shownMatches} saving={phase !== 'editing'} onRegisterNew={() => void save()} /> : null}
    </>
  );
}
