import type { OperationOutcomeIssue } from '@medplum/fhirtypes';

// The server names each item it refuses with `QuestionnaireResponse.descendants().where(linkId = '…')`.
const LINK_ID_IN_EXPRESSION = /linkId\s*=\s*'((?:[^'\\]|\\.)*)'/;

/**
 * A refused response's issues sorted by the item they are about, so each is shown at its question;
 * issues about no single item are returned apart.
 */
export function issuesByLinkId(
  issues: readonly OperationOutcomeIssue[],
  describe: (issue: OperationOutcomeIssue) => string,
): { byLinkId: Map<string, string[]>; general: string[] } {
  const byLinkId = new Map<string, string[]>();
  const general: string[] = [];
  for (const issue of issues) {
    const linkId = (issue.expression ?? [])
      .map((expression) => LINK_ID_IN_EXPRESSION.exec(expression)?.[1]?.replace(/\\(.)/g, '$1'))
      .find((found) => found !== undefined);
    if (linkId === undefined) general.push(describe(issue));
    else byLinkId.set(linkId, [...(byLinkId.get(linkId) ?? []), describe(issue)]);
  }
  return { byLinkId, general };
}
