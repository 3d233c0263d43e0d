import type { QuestionnaireItem, QuestionnaireItemEnableWhen, QuestionnaireResponseItemAnswer } from '@medplum/fhirtypes';
import { sameCoding } from './answer-options.js';
import type { AnswerIndex } from './response-answers.js';

/**
 * Whether an item is enabled by its enableWhen conditions (R4 semantics), reading the question's answers
 * anywhere in the response. Used to decide whether a required item is really required.
 */
export function isEnabled(item: QuestionnaireItem, answers: AnswerIndex): boolean {
  const conditions = item.enableWhen ?? [];
  if (conditions.length === 0) return true;
  const results = conditions.map((condition) => conditionHolds(condition, answers.get(condition.question) ?? []));
  return item.enableBehavior === 'any' ? results.some(Boolean) : results.every(Boolean);
}

function conditionHolds(condition: QuestionnaireItemEnableWhen, answers: readonly QuestionnaireResponseItemAnswer[]): boolean {
  switch (condition.operator) {
    case 'exists':
      return (answers.length > 0) === (condition.answerBoolean ?? true);
    case '=':
      return answers.some((answer) => equalsExpected(condition, answer));
    case '!=':
      return !answers.some((answer) => equalsExpected(condition, answer));
    default:
      return answers.some((answer) => compares(condition, answer));
  }
}

function equalsExpected(condition: QuestionnaireItemEnableWhen, answer: QuestionnaireResponseItemAnswer): boolean {
  if (condition.answerCoding !== undefined) return answer.valueCoding !== undefined && sameCoding(answer.valueCoding, condition.answerCoding);
  if (condition.answerBoolean !== undefined) return answer.valueBoolean === condition.answerBoolean;
  if (condition.answerReference !== undefined) return answer.valueReference?.reference === condition.answerReference.reference;
  const expected = expectedScalar(condition);
  return expected !== undefined && answerScalar(answer) === expected;
}

/** >, <, >=, <= on numbers, and on dates/times (ISO strings of the same precision compare as text). */
function compares(condition: QuestionnaireItemEnableWhen, answer: QuestionnaireResponseItemAnswer): boolean {
  const expected = expectedScalar(condition);
  const actual = answerScalar(answer);
  if (expected === undefined || actual === undefined || typeof expected !== typeof actual) return false;
  switch (condition.operator) {
    case '>':
      return actual > expected;
    case '<':
      return actual < expected;
    case '>=':
      return actual >= expected;
    case '<=':
      return actual <= expected;
    default:
      return false;
  }
}

function expectedScalar(condition: QuestionnaireItemEnableWhen): number | string | undefined {
  return (
    condition.answerInteger ?? condition.answerDecimal ?? condition.answerString ?? condition.answerDate ?? condition.answerDateTime ?? condition.answerTime ??
    condition.answerQuantity?.value
  );
}

function answerScalar(answer: QuestionnaireResponseItemAnswer): number | string | undefined {
  return (
    answer.valueInteger ?? answer.valueDecimal ?? answer.valueString ?? answer.valueDate ?? answer.valueDateTime ?? answer.valueTime ?? answer.valueQuantity?.value
  );
}
