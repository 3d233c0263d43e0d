import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import { useState, type FormEvent } from 'react';
import type { InstalledTextPack } from '../../api/admin-api.js';
import { ApiError } from '../../api/api-error.js';
import { useSession } from '../../auth/session-context.js';
import { describeError } from '../../components/describe-error.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n/i18n-context.js';

/**
 * Installs a text pack from its JSON file through `POST /admin/text-packs`. The server checks it against the
 * form it words; each problem is listed with the part of the pack it names (`language`, `items.<linkId>`),
 * since the pack has no fields on this page to show them at.
 */
export function InstallTextPackForm({ onInstalled, onAttempt }: { onInstalled(pack: InstalledTextPack): void; /** a new try: what was said of the last one gives way */ onAttempt(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { admin } = useSession();
  const [file, setFile] = useState<File>();
  const [fileErrors, setFileErrors] = useState<string[]>([]);
  const [problems, setProblems] = useState<string[]>();
  const [saving, setSaving] = useState(false);
  const where = (issue: OperationOutcomeIssue) => (issue.expression?.[0] ? `${issue.expression[0]}: ` : '');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    onAttempt();
    if (!file) {
      setFileErrors([t('textPacks.chooseFile')]);
      setProblems([]);
      return;
    }
    let pack: unknown;
    try {
      pack = JSON.parse(await file.text());
    } catch {
      setFileErrors([t('textPacks.notJson', { file: file.name })]);
      setProblems([]);
      return;
    }
    setSaving(true);
    try {
      const installed = await admin.installTextPack(pack);
      setFileErrors([]);
      setProblems(undefined);
      onInstalled(installed);
    } catch (error) {
      setFileErrors([]);
      setProblems(error instanceof ApiError && error.issues.length > 0 ? error.issues.map((issue) => `${where(issue)}${i18n.describeIssue(issue)}`) : [describeError(error, i18n)]);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="install-pack-title">
      <h2 id="install-pack-title">{t('textPacks.install')}</h2>
      {problems ? <ErrorSummary title={t('textPacks.refused')} messages={problems} /> : null}
      <Field id="text-pack-file" label={t('textPacks.file')} hint={t('textPacks.fileHint')} errors={fileErrors} required>
        {(control) => (
          <input
            {...control}
            type="file"
            name="file"
            accept="application/json,.json"
            onChange={(e) => {
              setFile(e.target.files?.[0]);
              setFileErrors([]);
            }}
          />
        )}
      </Field>
      <div className="form__actions">
        <button type="submit" disabled={saving}>
          {saving ? t('common.saving') : t('textPacks.install')}
        </button>
      </div>
    </form>
  );
}
