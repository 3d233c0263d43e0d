import { ApiError } from '../api/api-error.js';
import type { I18n } from '../i18n/i18n-context.js';

/** A failure in words: the server's own message when it gave one, ours when it was not reached. */
export function describeError(error: unknown, t: I18n['t']): string {
  if (error instanceof ApiError && error.status === 0) return t('common.networkError');
  if (error instanceof Error) return error.message;
  return String(error);
}
