import type { Questionnaire, QuestionnaireResponse } from '@medplum/fhirtypes';
import { indexItemsByLinkId } from '../questionnaire-items.js';
import { indexAnswersByLinkId } from '../response-answers.js';
import { readAnswerWeights } from './answer-weights.js';
import { findCriticalItemAlerts } from './critical-items.js';
import type { InstrumentScorer } from './instrument-scorer.js';
import { phq9Scorer } from './phq9.js';
import { sdqScorer } from './sdq.js';
import { SDQ_VERSIONS } from './sdq-versions.js';
import { parseScoringSettings, type ScoringSettingsInput } from './settings.js';
import { srq20Scorer } from './srq20.js';
import type { ScoringResult } from './types.js';

/** Scoring rules by Questionnaire.name (the names of the contract). */
const INSTRUMENT_SCORERS: Readonly<Record<string, InstrumentScorer>> = {
  PHQ9: phq9Scorer,
  SRQ20: srq20Scorer,
  ...Object.fromEntries(Object.values(SDQ_VERSIONS).map((version) => [version.name, sdqScorer(version)])),
};

/** A form that is not a scored instrument (case-management, consent, safety plan) only yields alerts. */
const UNSCORED: InstrumentScorer = { criticalLinkIds: [], score: () => ({ scores: [], recordedAnswers: [] }) };

export function isScoredInstrument(questionnaire: Questionnaire): boolean {
  return questionnaire.name !== undefined && Object.hasOwn(INSTRUMENT_SCORERS, questionnaire.name);
}

/**
 * Scores a response against the Questionnaire it answers. Pure: the caller resolves the Questionnaire
 * (the version the response points at) and the deployment's settings. Throws a ZodError on bad settings.
 */
export function scoreResponse(
  questionnaire: Questionnaire,
  response: QuestionnaireResponse,
  settings: ScoringSettingsInput = {},
): ScoringResult {
  const name = questionnaire.name ?? '';
  const scorer = Object.hasOwn(INSTRUMENT_SCORERS, name) ? INSTRUMENT_SCORERS[name] : UNSCORED;
  const itemsByLinkId = indexItemsByLinkId(questionnaire);
  const answers = indexAnswersByLinkId(response);
  const weights = readAnswerWeights(itemsByLinkId, answers);
  const { scores, recordedAnswers } = scorer.score({ weights, answers, settings: parseScoringSettings(settings) });
  return {
    instrument: name,
    ...(questionnaire.url === undefined ? {} : { questionnaire: canonicalOf(questionnaire.url, questionnaire.version) }),
    scores,
    recordedAnswers,
    alerts: findCriticalItemAlerts(itemsByLinkId, answers, scorer.criticalLinkIds),
  };
}

function canonicalOf(url: string, version: string | undefined): string {
  return version === undefined ? url : `${url}|${version}`;
}
