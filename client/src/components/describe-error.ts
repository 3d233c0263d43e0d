import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import { ApiError } from '../api/api-error.js';
import type { I18n } from '../i18n/i18n-context.js';

/** A failure in words of the interface language: the server's issues translated by code, ours when it was not reached. */
export function describeError(error: unknown, i18n: Pick<I18n, 't' | 'describeIssue'>): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return i18n.t('common.networkError');
    const issues: readonly OperationOutcomeIssue[] = error.issues;
    return issues.length > 0 ? issues.map(i18n.describeIssue).join(' ') : i18n.t('server.generic');
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
