import type { Extension, Flag, QuestionnaireResponse } from '@medplum/fhirtypes';
import { FLAG_CATEGORY_SYSTEM, FLAG_DETAIL_EXTENSION, HIWA_FLAG_SYSTEM, TRIGGERING_ITEM_EXTENSION } from './fhir-systems.js';
import { responseReference } from './response-reference.js';
import { responseSubject } from './response-subject.js';
import type { CriticalItemAlert, ScoringResult } from './scoring/types.js';

export const SUICIDE_RISK_CODE = { system: HIWA_FLAG_SYSTEM, code: 'suicide-risk', display: 'Suicide risk' } as const;

/**
 * The "suicide risk" Flag a response's critical items raise, or undefined when none did. It stays active
 * until a clinician reviews it; it names the response (flag-detail) and every item that triggered it.
 * Throws when the response has no subject: a Flag must say whom it is about.
 */
export function toRiskFlag(result: ScoringResult, response: QuestionnaireResponse, options: { responseReference?: string } = {}): Flag | undefined {
  if (result.alerts.length === 0) return undefined;
  const subject = responseSubject(response);
  if (subject === undefined) throw new Error('a response that raises a suicide-risk alert must have a subject');
  return {
    resourceType: 'Flag',
    extension: [
      { url: FLAG_DETAIL_EXTENSION, valueReference: responseReference(response, options.responseReference) },
      ...result.alerts.map((alert) => triggeringItem(alert, result.questionnaire)),
    ],
    status: 'active',
    category: [
      { coding: [{ system: FLAG_CATEGORY_SYSTEM, code: 'clinical', display: 'Clinical' }] },
      { coding: [{ system: FLAG_CATEGORY_SYSTEM, code: 'safety', display: 'Safety' }] },
    ],
    code: { coding: [SUICIDE_RISK_CODE], text: 'Suicide risk' },
    subject,
    ...(response.authored === undefined ? {} : { period: { start: response.authored } }),
    ...(response.encounter === undefined ? {} : { encounter: response.encounter }),
  };
}

function triggeringItem(alert: CriticalItemAlert, questionnaire: string | undefined): Extension {
  const parts: Extension[] = [{ url: 'linkId', valueString: alert.linkId }];
  if (questionnaire !== undefined) parts.push({ url: 'questionnaire', valueCanonical: questionnaire });
  if (alert.itemText !== undefined) parts.push({ url: 'text', valueString: alert.itemText });
  if (alert.answer.valueCoding !== undefined) parts.push({ url: 'answer', valueCoding: alert.answer.valueCoding });
  if (alert.answer.valueBoolean !== undefined) parts.push({ url: 'answer', valueBoolean: alert.answer.valueBoolean });
  return { url: TRIGGERING_ITEM_EXTENSION, extension: parts };
}
