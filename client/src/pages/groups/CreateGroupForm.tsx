import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error.js';
import { noFieldIssues, sortIssuesByField, type FieldIssues } from '../../api/field-issues.js';
import { usePrincipal, useSession } from '../../auth/session-context.js';
import { newActivityGroup, type GroupDraft } from '../../clinical/activity-groups.js';
import { describeError } from '../../components/describe-error.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { ActivitySelect } from './ActivitySelect.js';

type GroupField = 'name' | 'activity';

const fieldOf = (expression: string): GroupField | undefined =>
  expression.startsWith('Group.name') ? 'name' : expression.startsWith('Group.code') ? 'activity' : undefined;

/** A new activity group of the caller's organisation: its name and the activity it meets for. */
export function CreateGroupForm({ onCreated }: { onCreated(id: string): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { fhir } = useSession();
  const principal = usePrincipal();
  const [draft, setDraft] = useState<GroupDraft>({ name: '', activity: '' });
  const [issues, setIssues] = useState<FieldIssues<GroupField>>(noFieldIssues);
  const [refused, setRefused] = useState(false);
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const byField: FieldIssues<GroupField>['byField'] = {
      ...(draft.name.trim() ? {} : { name: [t('groups.nameRequired')] }),
      ...(draft.activity ? {} : { activity: [t('groups.activityRequired')] }),
    };
    if (Object.keys(byField).length > 0) {
      setIssues({ byField, general: [] });
      setRefused(true);
      return;
    }
    setSaving(true);
    try {
      const created = await fhir.create(newActivityGroup(draft, principal.organization.id));
      onCreated(created.id ?? '');
    } catch (error) {
      setIssues(error instanceof ApiError ? sortIssuesByField(error.issues, fieldOf, i18n.describeIssue) : { byField: {}, general: [describeError(error, i18n)] });
      setRefused(true);
      setSaving(false);
    }
  };

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="create-group-title">
      <h2 id="create-group-title">{t('groups.create')}</h2>
      {refused ? <ErrorSummary title={t('common.fixErrors')} messages={issues.general} /> : null}
      <Field id="group-name" label={t('groups.name')} hint={t('groups.nameHint')} errors={issues.byField.name} required>
        {(control) => <input {...control} name="name" dir="auto" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />}
      </Field>
      <Field id="group-activity" label={t('groups.activity')} errors={issues.byField.activity} required>
        {(control) => <ActivitySelect control={control} value={draft.activity} onChange={(code) => setDraft({ ...draft, activity: code })} />}
      </Field>
      <div className="form__actions">
        <button type="submit" disabled={saving}>
          {saving ? t('common.saving') : t('groups.create')}
        </button>
      </div>
    </form>
  );
}
