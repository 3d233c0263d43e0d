import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error.js';
import { noFieldIssues, sortIssuesByField, type FieldIssues } from '../../api/field-issues.js';
import { describeError } from '../../components/describe-error.js';
import { useI18n } from '../../i18n/i18n-context.js';

/**
 * The state of an admin form sent to the admin API: what is typed (kept on a refusal), the server's issues
 * sorted by the field they name (the first segment of a JSON path: `sites.0` is `sites`), and whether it is
 * being sent. On success the form starts blank again.
 */
export function useAdminForm<Draft extends object, Field extends string, Result>(options: {
  blank: Draft;
  fields: readonly Field[];
  send(draft: Draft): Promise<Result>;
  onSent(result: Result): void;
}) {
  const i18n = useI18n();
  const [draft, setDraft] = useState<Draft>(options.blank);
  const [issues, setIssues] = useState<FieldIssues<Field>>(noFieldIssues);
  const [refused, setRefused] = useState(false);
  const [saving, setSaving] = useState(false);
  const fieldOf = (expression: string): Field | undefined => options.fields.find((field) => expression.split('.')[0] === field);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    try {
      const result = await options.send(draft);
      setDraft(options.blank);
      setIssues(noFieldIssues);
      setRefused(false);
      options.onSent(result);
    } catch (error) {
      setIssues(error instanceof ApiError ? sortIssuesByField(error.issues, fieldOf, i18n.describeIssue) : { byField: {}, general: [describeError(error, i18n)] });
      setRefused(true);
    } finally {
      setSaving(false);
    }
  };
  return { draft, setDraft, set, errors: issues.byField, general: issues.general, refused, saving, submit };
}
