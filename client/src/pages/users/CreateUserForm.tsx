import type { CreatedStaffAccount, NewStaffAccount } from '../../api/admin-api.js';
import { staffRoles } from '../../auth/principal.js';
import { useSession } from '../../auth/session-context.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { Field } from '../../components/Field.js';
import { Fieldset } from '../../components/Fieldset.js';
import { Select } from '../../components/Select.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { organizationOptions, sitesOf, type Directory } from './directory.js';
import { useAdminForm } from './use-admin-form.js';

type AccountField = 'username' | 'givenName' | 'familyName' | 'password' | 'role' | 'organization' | 'sites';
const accountFields: readonly AccountField[] = ['username', 'givenName', 'familyName', 'password', 'role', 'organization', 'sites'];

interface CreateUserFormProps {
  directory: Directory;
  defaultOrganization: string;
  onCreated(account: CreatedStaffAccount): void;
}

/** A new staff account through `POST /admin/users`; each refusal is shown at the field it names. */
export function CreateUserForm({ directory, defaultOrganization, onCreated }: CreateUserFormProps) {
  const { t } = useI18n();
  const { admin } = useSession();
  const blank: NewStaffAccount = { username: '', givenName: '', familyName: '', password: '', role: 'caseworker', organization: defaultOrganization, sites: [] };
  const { draft, setDraft, set, errors, general, refused, saving, submit } = useAdminForm({
    blank,
    fields: accountFields,
    send: ({ familyName, ...rest }: NewStaffAccount) =>
      admin.createUser({ ...rest, username: rest.username.trim(), ...(familyName?.trim() ? { familyName: familyName.trim() } : {}) }),
    onSent: onCreated,
  });
  const sites = sitesOf(directory, draft.organization);

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="create-user-title">
      <h2 id="create-user-title">{t('users.create')}</h2>
      {refused ? <ErrorSummary title={t('common.fixErrors')} messages={general} /> : null}
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
          <Select control={control} name="role" value={draft.role} onChange={(v) => set('role', v)} options={staffRoles.map((role) => ({ value: role, label: t(`role.${role}`) }))} />
        )}
      </Field>
      <Field id="user-organization" label={t('users.organization')} errors={errors.organization} required>
        {(control) => (
          <Select
            control={control}
            name="organization"
            value={draft.organization}
            onChange={(organization) => setDraft((d) => ({ ...d, organization, sites: [] }))}
            blank={t('common.choose')}
            options={organizationOptions(directory)}
          />
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
