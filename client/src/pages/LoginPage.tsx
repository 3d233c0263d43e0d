import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../api/api-error.js';
import { noFieldIssues, sortIssuesByField, type FieldIssues } from '../api/field-issues.js';
import { NotStaffError, useSession } from '../auth/session-context.js';
import { describeError } from '../components/describe-error.js';
import { ErrorSummary } from '../components/ErrorSummary.js';
import { Field } from '../components/Field.js';
import { DraftLanguageNotice, LanguageSelect } from '../components/LanguageSelect.js';
import { usePageTitle } from '../components/use-page-title.js';
import { useI18n } from '../i18n/i18n-context.js';

type LoginField = 'username' | 'password' | 'totp';
const loginFields: readonly string[] = ['username', 'password', 'totp'];

interface LoginFailure {
  message: string;
  fields: FieldIssues<LoginField>;
  /** after a 429: when the server will listen again */
  retryAt?: Date;
}

/**
 * Sign-in. A refusal keeps everything typed and shows the server's own message; after too many attempts
 * (429) it says when to try again, from Retry-After, and holds the button until then.
 */
export function LoginPage() {
  const i18n = useI18n();
  const { t, formatDateTime } = i18n;
  const { logIn, state } = useSession();
  usePageTitle(t('login.title'));
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [askForTotp, setAskForTotp] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<LoginFailure>();
  const [waiting, setWaiting] = useState(false);

  useEffect(() => {
    if (!failure?.retryAt) return;
    setWaiting(true);
    const timer = window.setTimeout(() => setWaiting(false), Math.max(0, failure.retryAt.getTime() - Date.now()));
    return () => window.clearTimeout(timer);
  }, [failure]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitting(true);
    try {
      await logIn({ username: username.trim(), password, ...(askForTotp && totp.trim() ? { totp: totp.trim() } : {}) });
    } catch (error) {
      setFailure(failureOf(error));
      setSubmitting(false);
    }
  };

  const failureOf = (error: unknown): LoginFailure => {
    if (error instanceof NotStaffError) return { message: t('login.notStaff'), fields: noFieldIssues };
    if (!(error instanceof ApiError)) return { message: describeError(error, i18n), fields: noFieldIssues };
    const fields = sortIssuesByField<LoginField>(error.issues, (e) => (loginFields.includes(e) ? (e as LoginField) : undefined), i18n.describeIssue);
    if (fields.byField.totp) setAskForTotp(true);
    const retryAt = error.status === 429 && error.retryAfterSeconds ? new Date(Date.now() + error.retryAfterSeconds * 1000) : undefined;
    return { message: describeError(error, i18n), fields, ...(retryAt ? { retryAt } : {}) };
  };

  const errors = failure?.fields.byField ?? {};
  return (
    <div className="login">
      <div className="login__top">
        <LanguageSelect />
      </div>
      <DraftLanguageNotice />
      <main id="main" className="login__card">
        <p className="login__brand">{t('app.name')}</p>
        <p className="muted">{t('app.tagline')}</p>
        <h1>{t('login.title')}</h1>
        {state.status === 'signed-out' && state.ended && !failure ? (
          <p className="notice notice--info" role="status">
            {t('session.ended')}
          </p>
        ) : null}
        {failure ? (
          <ErrorSummary
            title={t('login.failed')}
            messages={[failure.message, ...(failure.retryAt ? [t('login.retryAt', { time: formatDateTime(failure.retryAt.toISOString()) })] : [])]}
          />
        ) : null}
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Field id="login-username" label={t('login.username')} errors={errors.username}>
            {(control) => (
              <input {...control} name="username" autoComplete="username" autoCapitalize="none" spellCheck={false} value={username} onChange={(e) => setUsername(e.target.value)} />
            )}
          </Field>
          <Field id="login-password" label={t('login.password')} errors={errors.password}>
            {(control) => <input {...control} name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
          </Field>
          {askForTotp ? (
            <Field id="login-totp" label={t('login.totp')} errors={errors.totp}>
              {(control) => (
                <input {...control} name="totp" inputMode="numeric" autoComplete="one-time-code" className="input--short" value={totp} onChange={(e) => setTotp(e.target.value)} />
              )}
            </Field>
          ) : null}
          <button type="submit" disabled={submitting || waiting}>
            {submitting ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
