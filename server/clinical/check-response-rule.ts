import type { OperationOutcomeIssue, Questionnaire, QuestionnaireResponse } from '@medplum/fhirtypes';
import { checkResponseAgainstQuestionnaire, type ResponseIssue } from '../../questionnaires/index.js';
import { issue, unprocessable } from '../fhir/outcomes.js';
import type { WriteRule } from '../store/repository.js';
import { canonicalOf, parseCanonical } from './questionnaire-canonical.js';
import { resolveQuestionnaire } from './resolve-questionnaire.js';

/**
 * Before a QuestionnaireResponse is stored: it must match the Questionnaire version it answers (else a 422
 * naming each item, and nothing is stored), and it is pinned to that version (`url|version`), so that a
 * later version of the form never changes how it reads or scores.
 */
export const checkResponseRule: WriteRule = {
  resourceTypes: ['QuestionnaireResponse'],
  async beforeWrite(repo, resource, previous) {
    const response = withPreviousVersion(resource as QuestionnaireResponse, previous as QuestionnaireResponse | undefined);
    const questionnaire = await resolveQuestionnaire(repo, response);
    requireMatchingResponse(questionnaire, response);
    return { ...response, questionnaire: canonicalOf(questionnaire) };
  },
};

/** A 422 listing every way the response departs from its Questionnaire; nothing when it matches. */
export function requireMatchingResponse(questionnaire: Questionnaire, response: QuestionnaireResponse): void {
  const issues = checkResponseAgainstQuestionnaire(questionnaire, response);
  if (issues.length > 0) throw unprocessable(issues.map(toOutcomeIssue));
}

const ISSUE_CODES: Record<ResponseIssue['code'], OperationOutcomeIssue['code']> = {
  'unknown-link-id': 'structure',
  'wrong-answer-type': 'value',
  'answer-not-in-options': 'code-invalid',
  'repeats-violated': 'structure',
  'required-missing': 'required',
  'no-answers': 'required',
};

/**
 * The path of the offending element, and the item by its linkId (a required item that is missing has no
 * path of its own: its first expression is where it belongs).
 */
function toOutcomeIssue(found: ResponseIssue): OperationOutcomeIssue {
  if (found.linkId === undefined) return issue(ISSUE_CODES[found.code], found.message, [found.expression]);
  const byLinkId = `QuestionnaireResponse.descendants().where(linkId = '${found.linkId.replace(/'/g, "\\'")}')`;
  return issue(ISSUE_CODES[found.code], found.message, [found.expression, byLinkId]);
}

/** An amendment that names the form without a version keeps the version the response was given in. */
function withPreviousVersion(response: QuestionnaireResponse, previous: QuestionnaireResponse | undefined): QuestionnaireResponse {
  if (response.questionnaire === undefined || previous?.questionnaire === undefined) return response;
  const given = parseCanonical(response.questionnaire);
  const before = parseCanonical(previous.questionnaire);
  if (given.version !== undefined || given.url !== before.url || before.version === undefined) return response;
  return { ...response, questionnaire: previous.questionnaire };
}
