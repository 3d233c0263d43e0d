import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import { issueMessage } from '../api/api-error.js';
import type { MessageKey } from './messages-en.js';

/**
 * The message key for an issue the server raised, chosen by its code (and, for sign-in, by the field it
 * names), so a refusal reads in the interface language. The server words its issues in English.
 */
export function serverIssueKey(issue: OperationOutcomeIssue): MessageKey {
  const fields = issue.expression ?? [];
  switch (issue.code) {
    case 'login':
      if (fields.includes('totp')) return 'server.totpRequired';
      return /second factor/i.test(issue.diagnostics ?? '') ? 'server.totpNotEnrolled' : 'server.invalidCredentials';
    case 'throttled':
    case 'too-costly':
      return 'server.tooManyAttempts';
    case 'required':
      return 'server.required';
    case 'value':
    case 'invalid':
    case 'structure':
    case 'code-invalid':
    case 'invariant':
      return 'server.invalid';
    case 'forbidden':
    case 'security':
    case 'suppressed':
      return 'server.forbidden';
    case 'conflict':
    case 'business-rule':
    case 'duplicate':
      return 'server.conflict';
    case 'not-found':
    case 'deleted':
      return 'server.notFound';
    case 'expired':
      return 'server.expired';
    default:
      return 'server.generic';
  }
}

/**
 * An issue in the interface language. In English the server's own sentence is kept: it is the most precise
 * (it names the field and the rule); other languages get the translated message for the issue's code.
 */
export function describeServerIssue(issue: OperationOutcomeIssue, t: (key: MessageKey) => string, languageCode: string): string {
  return languageCode === 'en' ? issueMessage(issue) : t(serverIssueKey(issue));
}
