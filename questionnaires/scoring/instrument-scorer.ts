import type { AnswerIndex } from '../response-answers.js';
import type { AnswerWeights } from './answer-weights.js';
import type { ScoringSettings } from './settings.js';
import type { RecordedAnswer, Score } from './types.js';

export interface ScoringInput {
  weights: AnswerWeights;
  answers: AnswerIndex;
  settings: ScoringSettings;
}

/** The rules of one instrument (or one SDQ version). */
export interface InstrumentScorer {
  /** Items whose affirmative answer alerts, by the instrument's own rules. */
  criticalLinkIds: readonly string[];
  score(input: ScoringInput): { scores: Score[]; recordedAnswers: RecordedAnswer[] };
}
