import type { CarePlan, CodeableConcept, Patient, QuestionnaireResponse, Reference } from '@medplum/fhirtypes';
import { HIWA_QUESTIONNAIRE_BASE, indexAnswersByLinkId } from '../../questionnaires/index.js';
import { parseCanonical } from './questionnaire-canonical.js';
import { hasCode } from './workflow-codes.js';

/** Hiwa's adapted suicide safety plan (questionnaires/definitions/safety-plan.json). */
export const SAFETY_PLAN_QUESTIONNAIRE_URL = `${HIWA_QUESTIONNAIRE_BASE}SAFETY_PLAN`;
export const CARE_PLAN_CATEGORY_SYSTEM = 'https://hiwa.health/fhir/CodeSystem/care-plan-category';

export const SAFETY_PLAN_CATEGORY: CodeableConcept = {
  coding: [{ system: CARE_PLAN_CATEGORY_SYSTEM, code: 'safety-plan', display: 'Safety plan' }],
  text: 'Safety plan',
};

/** `system|code` of the category, as a token search value. */
export const SAFETY_PLAN_CATEGORY_TOKEN = `${CARE_PLAN_CATEGORY_SYSTEM}|safety-plan`;

/** A plan is recorded from a finished form only: one still being written with the person is not yet a plan. */
const RECORDED: ReadonlySet<QuestionnaireResponse['status']> = new Set<QuestionnaireResponse['status']>(['completed', 'amended']);

export function answersSafetyPlan(response: QuestionnaireResponse): boolean {
  return response.questionnaire !== undefined && parseCanonical(response.questionnaire).url === SAFETY_PLAN_QUESTIONNAIRE_URL;
}

export function isRecordedSafetyPlan(response: QuestionnaireResponse): boolean {
  return answersSafetyPlan(response) && RECORDED.has(response.status);
}

export function isSafetyPlan(plan: CarePlan): boolean {
  return plan.category?.some((c) => hasCode(c, CARE_PLAN_CATEGORY_SYSTEM, 'safety-plan')) ?? false;
}

/** Whether a CarePlan is the plan made from this response (it names it in supportingInfo). */
export function isPlanOf(plan: CarePlan, response: QuestionnaireResponse): boolean {
  return plan.supportingInfo?.some((r) => r.reference === `QuestionnaireResponse/${response.id}`) ?? false;
}

/**
 * The CarePlan a recorded safety-plan response stands for: active, category safety-plan, pointing at the
 * response (supportingInfo), from the day the plan was made to its review date (period), and replacing the
 * plans it supersedes. The response's subject is a Patient (the form's subjectType; the rule checks it).
 * `existing` is the CarePlan already made from this response (an amendment updates it).
 */
export function safetyPlanCarePlan(response: QuestionnaireResponse, options: { replaces: Reference<CarePlan>[]; existing?: CarePlan; now: Date }): CarePlan {
  const answers = indexAnswersByLinkId(response);
  const made = answers.get('sp-plan-date')?.[0]?.valueDate ?? response.authored?.slice(0, 10) ?? options.now.toISOString().slice(0, 10);
  const review = answers.get('sp-review-date')?.[0]?.valueDate;
  const replaces = [...(options.existing?.replaces ?? []), ...options.replaces];
  return {
    ...(options.existing ?? {}),
    resourceType: 'CarePlan',
    status: 'active',
    intent: 'plan',
    category: [SAFETY_PLAN_CATEGORY],
    title: 'Safety plan',
    description: review === undefined ? 'Safety plan made with the person.' : `Safety plan made with the person; to be reviewed by ${review}.`,
    subject: response.subject as Reference<Patient>,
    ...(response.encounter === undefined ? {} : { encounter: response.encounter }),
    period: { start: made, ...(review === undefined ? {} : { end: review }) },
    created: response.authored ?? options.now.toISOString(),
    ...(response.author === undefined ? {} : { author: response.author }),
    supportingInfo: [{ reference: `QuestionnaireResponse/${response.id}`, display: 'The safety plan form' }],
    ...(replaces.length === 0 ? {} : { replaces: dedupe(replaces) }),
  };
}

/** A plan a newer one replaces: kept in the record, no longer in force. */
export function supersededPlan(plan: CarePlan, by: Reference<CarePlan>): CarePlan {
  return { ...plan, status: 'revoked', note: [...(plan.note ?? []), { text: `Replaced by a newer safety plan (${by.reference ?? ''}).` }] };
}

function dedupe(references: Reference<CarePlan>[]): Reference<CarePlan>[] {
  const seen = new Set<string>();
  return references.filter((r) => {
    const key = r.reference ?? '';
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
