import type { ReactNode } from 'react';
import type { AsyncState } from '../api/use-async.js';
import { useI18n } from '../i18n/i18n-context.js';
import { describeError } from './describe-error.js';

interface AsyncContentProps<T> {
  state: AsyncState<T> & { reload(): void };
  children(value: T): ReactNode;
}

/** Loading, failed (with the reason and a retry) or the content itself. */
export function AsyncContent<T>({ state, children }: AsyncContentProps<T>) {
  const i18n = useI18n();
  const { t } = i18n;
  if (state.status === 'loading') {
    return (
      <p className="muted" role="status">
        {t('common.loading')}
      </p>
    );
  }
  if (state.status === 'failed') {
    return (
      <div className="notice notice--error" role="alert">
        <p>{t('common.loadFailed', { message: describeError(state.error, i18n) })}</p>
        <button type="button" onClick={state.reload}>
          {t('common.retry')}
        </button>
      </div>
    );
  }
  return <>{children(state.value)}</>;
}
