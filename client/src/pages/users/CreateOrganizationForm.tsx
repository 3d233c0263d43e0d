import type { Organization } from '@medplum/fhirtypes';
import type { NewOrganization } from '../../api/admin-api.js';
import { useSession } from '../../auth/session-context.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { Field } from '../../components/Field.js';
import { Select } from '../../components/Select.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { organizationTypes } from './site-kinds.js';
import { useAdminForm } from './use-admin-form.js';

const organizationFields = ['name', 'type'] as const;

/** A new organisation through `POST /admin/organizations`; a refusal is shown at the field it names. */
export function CreateOrganizationForm({ onCreated }: { onCreated(organization: Organization): void }) {
  const { t } = useI18n();
  const { admin } = useSession();
  const { draft, set, errors, general, refused, saving, submit } = useAdminForm({
    blank: { name: '', type: 'prov' } satisfies NewOrganization,
    fields: organizationFields,
    send: (organization: NewOrganization) => admin.createOrganization({ ...organization, name: organization.name.trim() }),
    onSent: onCreated,
  });
  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="create-organization-title">
      <h2 id="create-organization-title">{t('organizations.create')}</h2>
      {refused ? <ErrorSummary title={t('common.fixErrors')} messages={general} /> : null}
      <Field id="organization-name" label={t('organizations.name')} errors={errors.name} required>
        {(control) => <input {...control} name="name" dir="auto" value={draft.name} onChange={(e) => set('name', e.target.value)} />}
      </Field>
      <Field id="organization-type" label={t('organizations.type')} errors={errors.type} required>
        {(control) => (
          <Select control={control} name="type" value={draft.type} onChange={(v) => set('type', v)} options={organizationTypes.map((type) => ({ value: type, label: t(`organizationType.${type}`) }))} />
        )}
      </Field>
      <div className="form__actions">
        <button type="submit" disabled={saving}>
          {saving ? t('common.saving') : t('organizations.create')}
        </button>
      </div>
    </form>
  );
}
