import { FhirError, issue, outcome } from '../fhir/outcomes.js';

/**
 * A status change a state machine does not allow: a 409 naming the status element, its diagnostics listing
 * the allowed next states in words and its `details` listing them as codes (of the element's own code
 * system), so that a client can offer exactly those.
 */
export function illegalTransition(message: string, expression: string, statusSystem: string, allowedNext: readonly string[]): FhirError {
  const refused = issue('business-rule', message, expression);
  const details = { coding: allowedNext.map((code) => ({ system: statusSystem, code })), text: `Allowed next: ${allowedNext.join(', ') || 'none'}` };
  return new FhirError(409, outcome({ ...refused, details }));
}

/** A write the workflow refuses for a reason other than the status: a 409 naming the element at fault. */
export function workflowConflict(message: string, expression: string): FhirError {
  return new FhirError(409, outcome(issue('business-rule', message, expression)));
}
