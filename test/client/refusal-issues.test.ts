import { describe, expect, it } from 'vitest';
import { issueMessage } from '../../client/src/api/api-error.js';
import { sortIssuesByField } from '../../client/src/api/field-issues.js';
import { languages } from '../../client/src/i18n/languages.js';
import type { MessageKey } from '../../client/src/i18n/messages-en.js';
import { describeServerIssue, serverIssueKey } from '../../client/src/i18n/server-messages.js';
import { issuesByLinkId } from '../../client/src/questionnaire/issues-by-link-id.js';

describe('a refusal’s issues, sorted to where they are shown', () => {
  it('by the field an expression names; the rest are general', () => {
    const sorted = sortIssuesByField(
      [
        { severity: 'error', code: 'invalid', diagnostics: 'Too short', expression: ['password'] },
        { severity: 'error', code: 'invalid', diagnostics: 'Unknown site', expression: ['sites.1'] },
        { severity: 'error', code: 'invalid', diagnostics: 'Something else' },
      ],
      (expression) => (['password', 'sites'] as const).find((field) => expression.split('.')[0] === field),
      issueMessage,
    );
    expect(sorted).toEqual({ byField: { password: ['Too short'], sites: ['Unknown site'] }, general: ['Something else'] });
  });

  it('by the linkId the server names in a refused response', () => {
    const sorted = issuesByLinkId([
      { severity: 'error', code: 'required', diagnostics: 'Required', expression: ['QuestionnaireResponse', "QuestionnaireResponse.descendants().where(linkId = 'phq9-3')"] },
      { severity: 'error', code: 'invalid', diagnostics: 'Odd', expression: ["QuestionnaireResponse.descendants().where(linkId = 'it\\'s')"] },
      { severity: 'error', code: 'invalid', diagnostics: 'Whole response' },
    ], issueMessage);
    expect([...sorted.byLinkId]).toEqual([
      ['phq9-3', ['Required']],
      ["it's", ['Odd']],
    ]);
    expect(sorted.general).toEqual(['Whole response']);
  });

  it('in the interface language, chosen by the issue’s code (English keeps the server’s own sentence)', () => {
    const arabic = languages.find((l) => l.code === 'ar');
    const t = (key: MessageKey) => arabic?.messages[key] ?? key;
    const refused = { severity: 'error', code: 'login', diagnostics: 'Invalid credentials' } as const;
    expect(serverIssueKey(refused)).toBe('server.invalidCredentials');
    expect(serverIssueKey({ ...refused, diagnostics: 'A one-time code from the authenticator app is required', expression: ['totp'] })).toBe('server.totpRequired');
    expect(serverIssueKey({ severity: 'error', code: 'required', diagnostics: 'Missing required property' })).toBe('server.required');
    expect(describeServerIssue(refused, t, 'ar')).toBe('اسم المستخدم أو كلمة المرور غير صحيحة.');
    expect(describeServerIssue(refused, t, 'en')).toBe('Invalid credentials');
  });
});
