import { useState, type FormEvent } from 'react';
import type { CreatedStaffAccount, NewStaffAccount } from '../../api/admin-api.js';
import { ApiError } from '../../api/api-error.js';
import { noFieldIssues, sortIssuesByField, type FieldIssues } from '../../api/field-issues.js';
import { staffRoles } from '../../auth/principal.js';
import { useSession } from '../../auth/session-context.js';
import { describeError } from '../../components/describe-error.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { Field } from '../../components/Field.js';
import { Fieldset } from '../../components/Fieldset.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { sitesOf, type Directory } from './directory.js';

type AccountField = 'username' | 'givenName' | 'familyName' | 'password' | 'role' | 'organization' | 'sites';
const accountFields: readonly AccountField[] = ['username', 'givenName', 'familyName', 'password', 'role', 'organization', 'sites'];

/** The admin API names fields by their JSON path (`sites.0` is the first site): the first segment is the field. */
const fieldOf = (expression: string): AccountField | undefined => accountFields.find((field) => expression.split('.')[0] === field);

interface CreateUserFormProps {
  directory: Directory;
  defaultOrganization: string;
  onCreated(account: CreatedStaffAccount): void;
}

/** A new staff account through `POST /admin/users`; each refusal is shown at the field it names. */
export function CreateUserForm({ directory, defaultOrganization, onCreated }: CreateUserFormProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const { admin } = useSession();
  const blank: NewStaffAccount = { username: '', givenName: '', familyName: '', password: '', role: 'caseworker', organization: defaultOrganization, sites: [] };
  const [draft, setDraft] = useState<NewStaffAccount>(blank);
  const [issues, setIssues] = useState<FieldIssues<AccountField>>(noFieldIssues);
  const [refused, setRefused] = useState(false);
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof NewStaffAccount>(key: K, value: NewStaffAccount[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const sites = sitesOf(directory, draft.organization);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    try {
      const { familyName, ...rest } = draft;
      const created = await admin.createUser({ ...rest, username: rest.username.trim(), ...(familyName?.trim() ? { familyName: familyName.trim() } : {}) });
      setDraft(blank);
      setIssues(noFieldIssues);
      setRefused(false);
      onCreated(created);
    } catch (error) {
      setIssues(error instanceof ApiError ? sortIssuesByField(error.issues, fieldOf, i18n.describeIssue) : { byField: {}, general: [describeError(error, i18n)] });
      setRefused(true);
    } finally {
      setSaving(false);
    }
  };

  const errors = issues.byField;
  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="create-user-title">
      <h2 id="create-user-title">{t('users.create')}</h2>
      {refused ? <ErrorSummary title={t('common.fixErrors')} messages={issues.general} /> : null}
      <Field id="user-username" label={t('users.username')} errors={errors.username} required>
        {(control) => <input {...control} name="username" dir="ltr" autoComplete="off" autoCapitalize="none" spellCheck={false} value={draft.username} onChange={(e) => set('username', e.target.value)} />}
      </Field>
      <Field id="user-given-name" label={t('users.givenName')} errors={errors.givenName} required>
        {(control) => <input {...control} name="givenName" dir="auto" value={draft.givenName} onChange={(e) => set('givenName', e.target.value)} />}
      </Field>
      <Field id="user-family-name" label={t('users.familyName')} errors={errors.familyName}>
        {(control) => <input {...control} name="familyName" dir="auto" value={draft.familyName ?? ''} onChange={(e) => set('familyName', e.target.value)} />}
      </Field>
      <Field id="user-password" label={t('users.password')} hint={t('users.passwordHint')} errors={errors.password} required>
        {(control) => <input {...control} name="password" type="password" autoComplete="new-password" value={draft.password} onChange={(e) => set('password', e.target.value)} />}
      </Field>
      <Field id="user-role" label={t('users.role')} errors={errors.role} required>
        {(control) => (
          <select {...control} name="role" value={draft.role} onChange={(e) => set('role', e.target.value)}>
            {staffRoles.map((role) => (
              <option key={role} value={role}>
                {t(`role.${role}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="user-organization" label={t('users.organization')} errors={errors.organization} required>
        {(control) => (
          <select {...control} name="organization" value={draft.organization} onChange={(e) => setDraft((d) => ({ ...d, organization: e.target.value, sites: [] }))}>
            <option value="">{t('common.choose')}</option>
            {directory.organizations.map((organization) => (
              <option key={organization.id} value={organization.id}>
                {organization.name ?? organization.id}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Fieldset id="user-sites" legend={t('users.sites')} errors={errors.sites}>
        {sites.length === 0 ? (
          <p className="muted">{t('users.noSites')}</p>
        ) : (
          <div className="options options--columns">
            {sites.map((site) => (
              <label key={site.id} className="option">
                <input
                  type="checkbox"
                  checked={draft.sites.includes(site.id ?? '')}
                  onChange={(e) => set('sites', e.target.checked ? [...draft.sites, site.id ?? ''] : draft.sites.filter((id) => id !== site.id))}
                />
                <span>{site.name ?? site.id}</span>
              </label>
            ))}
          </div>
        )}
      </Fieldset>
      <div className="form__actions">
        <button type="submit" disabled={saving}>
          {saving ? t('common.saving') : t('users.create')}
        </button>
      </div>
    </form>
  );
}
