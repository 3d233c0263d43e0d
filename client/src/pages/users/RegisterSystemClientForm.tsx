import type { SystemClient } from '../../api/admin-api.js';
import { ApiError } from '../../api/api-error.js';
import { useSession } from '../../auth/session-context.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { Field } from '../../components/Field.js';
import { Fieldset } from '../../components/Fieldset.js';
import { Select } from '../../components/Select.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { organizationOptions, type Directory } from './directory.js';
import { useAdminForm } from './use-admin-form.js';

const clientFields = ['clientId', 'name', 'jwksUrl', 'jwks', 'scopes', 'organization'] as const;

interface ClientDraft {
  clientId: string;
  name: string;
  keySource: 'jwksUrl' | 'jwks';
  jwksUrl: string;
  /** the JWKS as pasted (JSON text) */
  jwks: string;
  /** system scopes separated by spaces or commas */
  scopes: string;
  organization: string;
}

/** The pasted JWKS, or a refusal naming the field when it is not JSON (the server checks the keys). */
function parseJwks(text: string, notJson: string): { keys: object[] } {
  try {
    return JSON.parse(text) as { keys: object[] };
  } catch {
    throw new ApiError(400, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid', diagnostics: notJson, expression: ['jwks'] }] });
  }
}

/** Registers a SMART Backend Services client by its JWKS URL or its public keys, through `POST /admin/clients`. */
export function RegisterSystemClientForm({ directory, onRegistered }: { directory: Directory; onRegistered(client: SystemClient): void }) {
  const { t } = useI18n();
  const { admin } = useSession();
  const blank: ClientDraft = { clientId: '', name: '', keySource: 'jwksUrl', jwksUrl: '', jwks: '', scopes: 'system/*.rs', organization: '' };
  const { draft, set, errors, general, refused, saving, submit } = useAdminForm({
    blank,
    fields: clientFields,
    send: (d: ClientDraft) =>
      admin.createSystemClient({
        clientId: d.clientId.trim(),
        name: d.name.trim(),
        ...(d.keySource === 'jwksUrl' ? { jwksUrl: d.jwksUrl.trim() } : { jwks: parseJwks(d.jwks, t('clients.jwksNotJson')) }),
        scopes: d.scopes.split(/[\s,]+/).filter(Boolean),
        ...(d.organization ? { organization: d.organization } : {}),
      }),
    onSent: onRegistered,
  });
  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="register-client-title">
      <h2 id="register-client-title">{t('clients.register')}</h2>
      {refused ? <ErrorSummary title={t('common.fixErrors')} messages={general} /> : null}
      <Field id="client-id" label={t('clients.clientId')} hint={t('clients.clientIdHint')} errors={errors.clientId} required>
        {(control) => <input {...control} name="clientId" dir="ltr" autoComplete="off" autoCapitalize="none" spellCheck={false} value={draft.clientId} onChange={(e) => set('clientId', e.target.value)} />}
      </Field>
      <Field id="client-name" label={t('clients.name')} errors={errors.name} required>
        {(control) => <input {...control} name="name" dir="auto" value={draft.name} onChange={(e) => set('name', e.target.value)} />}
      </Field>
      <Fieldset id="client-key-source" legend={t('clients.keys')} required>
        <div className="options">
          <label className="option">
            <input type="radio" name="keySource" checked={draft.keySource === 'jwksUrl'} onChange={() => set('keySource', 'jwksUrl')} />
            <span>{t('clients.byUrl')}</span>
          </label>
          <label className="option">
            <input type="radio" name="keySource" checked={draft.keySource === 'jwks'} onChange={() => set('keySource', 'jwks')} />
            <span>{t('clients.byKeys')}</span>
          </label>
        </div>
      </Fieldset>
      {draft.keySource === 'jwksUrl' ? (
        <Field id="client-jwks-url" label={t('clients.jwksUrl')} hint={t('clients.jwksUrlHint')} errors={errors.jwksUrl} required>
          {(control) => <input {...control} name="jwksUrl" type="url" dir="ltr" spellCheck={false} value={draft.jwksUrl} onChange={(e) => set('jwksUrl', e.target.value)} />}
        </Field>
      ) : (
        <Field id="client-jwks" label={t('clients.jwks')} hint={t('clients.jwksHint')} errors={errors.jwks} required>
          {(control) => <textarea {...control} name="jwks" dir="ltr" rows={6} spellCheck={false} value={draft.jwks} onChange={(e) => set('jwks', e.target.value)} />}
        </Field>
      )}
      <Field id="client-scopes" label={t('clients.scopes')} hint={t('clients.scopesHint')} errors={errors.scopes} required>
        {(control) => <input {...control} name="scopes" dir="ltr" spellCheck={false} value={draft.scopes} onChange={(e) => set('scopes', e.target.value)} />}
      </Field>
      <Field id="client-organization" label={t('users.organization')} errors={errors.organization}>
        {(control) => (
          <Select control={control} name="organization" value={draft.organization} onChange={(v) => set('organization', v)} blank={t('clients.noOrganization')} options={organizationOptions(directory)} />
        )}
      </Field>
      <div className="form__actions">
        <button type="submit" disabled={saving}>
          {saving ? t('common.saving') : t('clients.register')}
        </button>
      </div>
    </form>
  );
}
