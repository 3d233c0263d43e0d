import type { QuestionnaireResponse, Reference } from '@medplum/fhirtypes';

/**
 * Stands in for the response's reference when it has no id yet (it is being created). The server replaces
 * it with `QuestionnaireResponse/<id>` once stored, or passes `responseReference` (e.g. the `urn:uuid:`
 * fullUrl of a transaction entry) so the placeholder never appears.
 */
export const PENDING_RESPONSE_REFERENCE = 'urn:hiwa:pending-questionnaire-response';

export function responseReference(response: QuestionnaireResponse, override?: string): Reference<QuestionnaireResponse> {
  if (override !== undefined) return { reference: override };
  return { reference: response.id === undefined ? PENDING_RESPONSE_REFERENCE : `QuestionnaireResponse/${response.id}` };
}
