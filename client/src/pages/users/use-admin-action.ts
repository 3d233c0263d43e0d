import { useState } from 'react';
import { describeError } from '../../components/describe-error.js';
import { useI18n } from '../../i18n/i18n-context.js';

/**
 * An action on one listed thing (deactivate, reactivate, reset a second factor): asks first when given a
 * question, then lists again; a failure is kept to be shown above the list.
 */
export function useAdminAction(reload: () => void) {
  const i18n = useI18n();
  const [failure, setFailure] = useState<string>();
  const act = async (action: () => Promise<void>, question?: string) => {
    if (question !== undefined && !window.confirm(question)) return;
    try {
      await action();
      setFailure(undefined);
      reload();
    } catch (error) {
      setFailure(describeError(error, i18n));
    }
  };
  return { failure, act };
}
