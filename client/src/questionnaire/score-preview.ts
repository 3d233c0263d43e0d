import type { Questionnaire } from '@medplum/fhirtypes';
import { isScoredInstrument, scoreResponse, type CriticalItemAlert, type Score } from '../../../questionnaires/index.js';
import { buildResponse, type AnswerSource } from './build-response.js';

export interface ScorePreview {
  /** the instrument's scores as they stand; empty for a form that is not scored */
  scores: readonly Score[];
  /** critical answers given so far (PHQ-9 item 9 above "Not at all", SRQ-20 item 17 "Yes", …) */
  alerts: readonly CriticalItemAlert[];
}

const PREVIEW_CONTEXT = {
  subject: { reference: 'Patient/preview' },
  author: { reference: 'Practitioner/preview' },
  authored: '1970-01-01T00:00:00Z',
  status: 'in-progress' as const,
};

/**
 * The scores and alerts the answers given so far would yield, by the same scoring code the server stores
 * them with (questionnaires/), so the preview and the saved result cannot disagree.
 */
export function previewScores(questionnaire: Questionnaire, answers: AnswerSource): ScorePreview {
  const result = scoreResponse(questionnaire, buildResponse(questionnaire, answers, PREVIEW_CONTEXT));
  return { scores: isScoredInstrument(questionnaire) ? result.scores : [], alerts: result.alerts };
}
