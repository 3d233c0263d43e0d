import type { OperationOutcomeIssue } from '@medplum/fhirtypes';

/** A refusal's issues sorted for a form: those naming one of its fields, and the rest. */
export interface FieldIssues<Field extends string> {
  byField: Partial<Record<Field, readonly string[]>>;
  general: readonly string[];
}

export const noFieldIssues: FieldIssues<never> = { byField: {}, general: [] };

/**
 * Puts each issue at the field its `expression` names (the first expression a form recognises wins);
 * an issue naming no known field is general, shown above the form rather than lost.
 */
export function sortIssuesByField<Field extends string>(
  issues: readonly OperationOutcomeIssue[],
  fieldOf: (expression: string) => Field | undefined,
  /** the issue in the interface language */
  describe: (issue: OperationOutcomeIssue) => string,
): FieldIssues<Field> {
  const byField: Partial<Record<Field, readonly string[]>> = {};
  const general: string[] = [];
  for (const issue of issues) {
    const field = (issue.expression ?? []).map(fieldOf).find((candidate) => candidate !== undefined);
    const message = describe(issue);
    if (field === undefined) general.push(message);
    else byField[field] = [...(byField[field] ?? []), message];
  }
  return { byField, general };
}
