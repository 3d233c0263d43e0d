import type {
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  QuestionnaireResponseItemAnswer,
} from '@medplum/fhirtypes';
import { allowedAnswerKeys, answerValueKeys, isAmongOptions, valueHasRightShape } from './answer-types.js';
import { isEnabled } from './enable-when.js';
import { indexAnswersByLinkId, type AnswerIndex } from './response-answers.js';

export type ResponseIssueCode =
  | 'unknown-link-id'
  | 'wrong-answer-type'
  | 'answer-not-in-options'
  | 'repeats-violated'
  | 'required-missing'
  | 'no-answers';

/** One mismatch between a response and its Questionnaire; the server turns these into a 422 OperationOutcome. */
export interface ResponseIssue {
  code: ResponseIssueCode;
  /** the item concerned; absent when the issue is about the response as a whole */
  linkId?: string;
  /** FHIRPath to the offending element, e.g. `QuestionnaireResponse.item[2].answer[0]`. */
  expression: string;
  message: string;
}

interface Walk {
  answers: AnswerIndex;
  checkRequired: boolean;
  issues: ResponseIssue[];
}

/**
 * Structural check of a response against the Questionnaire it answers: unknown linkIds (or items out of
 * place), answer types, codings not among the options, repeats, and, when the response is completed,
 * required items left unanswered (unless switched off by enableWhen). A completed or amended response
 * with no answer at all is refused whatever the form says is required: stored, it would stand in the
 * record as an assessment that was done.
 */
export function checkResponseAgainstQuestionnaire(questionnaire: Questionnaire, response: QuestionnaireResponse): ResponseIssue[] {
  const walk: Walk = { answers: indexAnswersByLinkId(response), checkRequired: response.status === 'completed', issues: [] };
  checkLevel(questionnaire.item ?? [], response.item ?? [], 'QuestionnaireResponse', walk);
  const final = response.status === 'completed' || response.status === 'amended';
  if (final && walk.answers.size === 0) {
    walk.issues.push({
      code: 'no-answers',
      expression: 'QuestionnaireResponse.item',
      message: `A ${response.status} response needs at least one answer; save it as in-progress until something is answered.`,
    });
  }
  return walk.issues;
}

/**
 * The response items found under one parent, against the items the Questionnaire allows there.
 * `requiredApplies` is false where R4 does not put children (under a question rather than its answers).
 */
function checkLevel(allowed: readonly QuestionnaireItem[], items: readonly QuestionnaireResponseItem[], path: string, walk: Walk, requiredApplies = true): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const itemPath = `${path}.item[${index}]`;
    const definition = allowed.find((candidate) => candidate.linkId === item.linkId);
    if (definition === undefined) {
      walk.issues.push({ code: 'unknown-link-id', linkId: item.linkId, expression: itemPath, message: `No item "${item.linkId}" belongs here in the Questionnaire.` });
      return;
    }
    // A repeating question keeps all its answers in one item; only a repeating group may appear again.
    if (seen.has(item.linkId) && !(definition.type === 'group' && definition.repeats === true)) {
      walk.issues.push({ code: 'repeats-violated', linkId: item.linkId, expression: itemPath, message: `Item "${item.linkId}" appears more than once but does not repeat.` });
    }
    seen.add(item.linkId);
    checkItem(definition, item, itemPath, walk);
  });
  if (walk.checkRequired && requiredApplies) checkRequired(allowed, items, path, walk);
}

function checkItem(definition: QuestionnaireItem, item: QuestionnaireResponseItem, path: string, walk: Walk): void {
  const answers = item.answer ?? [];
  if (definition.type === 'group' || definition.type === 'display') {
    if (answers.length > 0) {
      walk.issues.push({ code: 'wrong-answer-type', linkId: item.linkId, expression: `${path}.answer[0]`, message: `Item "${item.linkId}" is a ${definition.type} and takes no answer.` });
    }
    checkLevel(definition.item ?? [], item.item ?? [], path, walk);
    return;
  }
  if (answers.length > 1 && definition.repeats !== true) {
    walk.issues.push({ code: 'repeats-violated', linkId: item.linkId, expression: `${path}.answer[1]`, message: `Item "${item.linkId}" takes one answer; ${answers.length} were given.` });
  }
  answers.forEach((answer, index) => checkAnswer(definition, answer, `${path}.answer[${index}]`, walk));
  // A question's children belong under its answers; ones placed directly under it are still checked.
  checkLevel(definition.item ?? [], item.item ?? [], path, walk, false);
}

function checkAnswer(definition: QuestionnaireItem, answer: QuestionnaireResponseItemAnswer, path: string, walk: Walk): void {
  const linkId = definition.linkId;
  const keys = answerValueKeys(answer);
  const allowed = allowedAnswerKeys(definition);
  const key = keys[0];
  if (keys.length !== 1 || key === undefined || !allowed.includes(key) || !valueHasRightShape(answer, key)) {
    const given = keys.length === 0 ? 'no value' : keys.join(', ');
    walk.issues.push({ code: 'wrong-answer-type', linkId, expression: path, message: `Item "${linkId}" (${definition.type}) takes ${allowed.join(' or ') || 'no answer'}; got ${given}.` });
  } else if (!isAmongOptions(definition, answer, key)) {
    walk.issues.push({ code: 'answer-not-in-options', linkId, expression: path, message: `The answer to "${linkId}" is not one of its answer options.` });
  }
  checkLevel(definition.item ?? [], answer.item ?? [], path, walk);
}

function checkRequired(allowed: readonly QuestionnaireItem[], items: readonly QuestionnaireResponseItem[], path: string, walk: Walk): void {
  for (const definition of allowed) {
    if (definition.required !== true || !isEnabled(definition, walk.answers)) continue;
    const present = items.filter((item) => item.linkId === definition.linkId);
    const answered = definition.type === 'group' ? present.length > 0 : present.some((item) => (item.answer ?? []).length > 0);
    if (!answered) {
      const what = definition.text === undefined ? '' : ` (${definition.text})`;
      walk.issues.push({ code: 'required-missing', linkId: definition.linkId, expression: path, message: `Required item "${definition.linkId}"${what} is not answered.` });
    }
  }
}
