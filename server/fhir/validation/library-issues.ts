import { OperationOutcomeError } from '@medplum/core';
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import { issue } from '../outcomes.js';

/**
 * Runs one of Medplum's validators and returns its errors in Hiwa's issue shape. Medplum throws an
 * OperationOutcomeError when it finds an error and returns warnings otherwise; Hiwa keeps the errors only,
 * so "no issues" means valid. Any other exception (a value the validator cannot even walk) is still the
 * client's input at fault, so it becomes an issue too rather than a server error.
 */
export function libraryErrors(
  validate: () => unknown,
  rootPath?: { from: string; to: string },
): OperationOutcomeIssue[] {
  try {
    validate();
    return [];
  } catch (err) {
    if (err instanceof OperationOutcomeError) {
      return err.outcome.issue
        .filter((i) => i.severity === 'error' || i.severity === 'fatal')
        .map((i) =>
          issue(
            i.code,
            i.details?.text ?? i.diagnostics ?? 'Invalid resource',
            i.expression?.map((e) => (rootPath ? rebase(e, rootPath.from, rootPath.to) : e)),
          ),
        );
    }
    return [issue('invalid', `Resource could not be validated: ${err instanceof Error ? err.message : String(err)}`)];
  }
}

/** `Extension.valueCoding` → `Patient.extension[0].valueCoding` when validating a part on its own. */
function rebase(expression: string, from: string, to: string): string {
  return expression === from || expression.startsWith(`${from}.`) ? to + expression.slice(from.length) : expression;
}
