import type { Location } from '@medplum/fhirtypes';
import type { NewSite } from '../../api/admin-api.js';
import { useSession } from '../../auth/session-context.js';
import { governorateOptions } from '../../beneficiary/governorates.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { Field } from '../../components/Field.js';
import { Select } from '../../components/Select.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { organizationOptions, type Directory } from './directory.js';
import { siteKinds } from './site-kinds.js';
import { useAdminForm } from './use-admin-form.js';

const siteFields = ['name', 'organization', 'governorate', 'kind'] as const;

interface CreateSiteFormProps {
  directory: Directory;
  defaultOrganization: string;
  onCreated(site: Location): void;
}

/** A new service site (a Location managed by an organisation) through `POST /admin/sites`. */
export function CreateSiteForm({ directory, defaultOrganization, onCreated }: CreateSiteFormProps) {
  const { t } = useI18n();
  const { admin } = useSession();
  const { draft, set, errors, general, refused, saving, submit } = useAdminForm({
    blank: { name: '', organization: defaultOrganization, governorate: '', kind: '' } satisfies NewSite,
    fields: siteFields,
    // an unchosen governorate or kind is left out rather than sent empty
    send: ({ name, organization, governorate, kind }: NewSite) =>
      admin.createSite({ name: name.trim(), organization, ...(governorate ? { governorate } : {}), ...(kind ? { kind } : {}) }),
    onSent: onCreated,
  });
  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="create-site-title">
      <h2 id="create-site-title">{t('sites.create')}</h2>
      {refused ? <ErrorSummary title={t('common.fixErrors')} messages={general} /> : null}
      <Field id="site-name" label={t('sites.name')} errors={errors.name} required>
        {(control) => <input {...control} name="name" dir="auto" value={draft.name} onChange={(e) => set('name', e.target.value)} />}
      </Field>
      <Field id="site-organization" label={t('users.organization')} errors={errors.organization} required>
        {(control) => (
          <Select control={control} name="organization" value={draft.organization} onChange={(v) => set('organization', v)} blank={t('common.choose')} options={organizationOptions(directory)} />
        )}
      </Field>
      <Field id="site-governorate" label={t('patient.governorate')} errors={errors.governorate}>
        {(control) => (
          <Select control={control} name="governorate" value={draft.governorate ?? ''} onChange={(v) => set('governorate', v)} blank={t('common.choose')} options={governorateOptions(t)} />
        )}
      </Field>
      <Field id="site-kind" label={t('sites.kind')} errors={errors.kind}>
        {(control) => (
          <Select control={control} name="kind" value={draft.kind ?? ''} onChange={(v) => set('kind', v)} blank={t('common.choose')} options={siteKinds.map((kind) => ({ value: kind, label: t(`siteKind.${kind}`) }))} />
        )}
      </Field>
      <div className="form__actions">
        <button type="submit" disabled={saving}>
          {saving ? t('common.saving') : t('sites.create')}
        </button>
      </div>
    </form>
  );
}
