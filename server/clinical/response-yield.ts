import type { Flag, Observation, Questionnaire, QuestionnaireResponse } from '@medplum/fhirtypes';
import { scoreResponse, toObservations, toRiskFlag, type ScoringResult, type ScoringSettings } from '../../questionnaires/index.js';
import { issue, unprocessable } from '../fhir/outcomes.js';

/** What a response gives rise to: its score Observations and, when a critical item alerted, a risk Flag. */
export interface ResponseYield {
  result: ScoringResult;
  observations: Observation[];
  flag?: Flag;
}

type Status = QuestionnaireResponse['status'];

/** Scores are the record of a finished assessment: a form still being filled in has none yet. */
const SCORED: ReadonlySet<Status> = new Set<Status>(['completed', 'amended']);
/**
 * A suicide-risk answer alerts as soon as it is given, whether the form was finished or not: an unfinished
 * form must not hide it. Only a response entered in error raises nothing.
 */
const ALERTING: ReadonlySet<Status> = new Set<Status>(['in-progress', 'completed', 'amended', 'stopped']);

export interface YieldOptions {
  settings: ScoringSettings;
  now: Date;
  /** reference for `derivedFrom` and the Flag's detail when the response has no id (see PENDING_RESPONSE_REFERENCE) */
  responseReference?: string;
}

/**
 * The Observations and Flag a response yields against the Questionnaire version it answers, built in
 * memory (the caller decides whether to store them). A response whose subject cannot carry them (not a
 * patient, or none when a Flag is due) is a 422 naming `QuestionnaireResponse.subject`.
 */
export function responseYield(questionnaire: Questionnaire, response: QuestionnaireResponse, options: YieldOptions): ResponseYield {
  const result = scoreResponse(questionnaire, response, options.settings);
  const reference = options.responseReference === undefined ? {} : { responseReference: options.responseReference };
  try {
    const observations = SCORED.has(response.status) ? toObservations(result, response, { now: options.now, ...reference }) : [];
    const flag = ALERTING.has(response.status) ? toRiskFlag(result, response, reference) : undefined;
    return { result, observations, ...(flag === undefined ? {} : { flag }) };
  } catch (err) {
    // The questionnaire module throws only when the subject cannot be the subject of a score or a Flag.
    const message = err instanceof Error ? err.message : String(err);
    throw unprocessable([issue('invalid', `The response cannot be scored: ${message}`, 'QuestionnaireResponse.subject')]);
  }
}
