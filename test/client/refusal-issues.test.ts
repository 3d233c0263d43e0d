import { describe, expect, it } from 'vitest';
import { sortIssuesByField } from '../../client/src/api/field-issues.js';
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
    );
    expect(sorted).toEqual({ byField: { password: ['Too short'], sites: ['Unknown site'] }, general: ['Something else'] });
  });

  it('by the linkId the server names in a refused response', () => {
    const sorted = issuesByLinkId([
      { severity: 'error', code: 'required', diagnostics: 'Required', expression: ['QuestionnaireResponse', "QuestionnaireResponse.descendants().where(linkId = 'phq9-3')"] },
      { severity: 'error', code: 'invalid', diagnostics: 'Odd', expression: ["QuestionnaireResponse.descendants().where(linkId = 'it\\'s')"] },
      { severity: 'error', code: 'invalid', diagnostics: 'Whole response' },
    ]);
    expect([...sorted.byLinkId]).toEqual([
      ['phq9-3', ['Required']],
      ["it's", ['Odd']],
    ]);
    expect(sorted.general).toEqual(['Whole response']);
  });
});
