import type { Coding, QuestionnaireResponseItemAnswer } from '@medplum/fhirtypes';

/** Why a score has no value. Each maps to a data-absent-reason on the Observation. */
export type MissingReason =
  /** None of the score's items was answered (e.g. the optional SDQ impact supplement was not given). */
  | { kind: 'not-administered' }
  /** Too few of the score's items were answered for the instrument's rule. */
  | { kind: 'items-unanswered'; linkIds: readonly string[] }
  /** A composite score (e.g. SDQ total) lacks one of its parts. */
  | { kind: 'component-missing'; components: readonly string[] };

export type ScoreOutcome = { status: 'computed'; value: number } | { status: 'missing'; reason: MissingReason };

/** Which norms a band was read from, so a reader of the record knows what "abnormal" meant. */
export interface BandTableRef {
  id: string;
  title: string;
  /** The reference marks the table as provisional (to verify locally). */
  provisional: boolean;
  /** For cut-off scores (SRQ-20): the cut-off in force, positive at or above it. */
  cutoff?: number;
}

export interface ScoreBand {
  /** Code in the Hiwa score-band CodeSystem. */
  code: string;
  display: string;
  table: BandTableRef;
}

export interface Score {
  /** Observation code of the contract (LOINC for the PHQ-9 total, Hiwa's hiwa-scores otherwise). */
  code: Coding & { system: string; code: string };
  title: string;
  range: { min: number; max: number };
  outcome: ScoreOutcome;
  /** One band per table that covers this score; empty when the score is missing or no table exists. */
  bands: readonly ScoreBand[];
  /** Why there is no band although the score was computed (no norms for this version). */
  bandNote?: string;
}

/** An answer kept as its own record and never added to any score (PHQ-9 item 10). */
export interface RecordedAnswer {
  code: Coding & { system: string; code: string };
  title: string;
  linkId: string;
  answer: Coding;
}

export interface CriticalItemAlert {
  kind: 'suicide-risk';
  linkId: string;
  itemText?: string;
  answer: QuestionnaireResponseItemAnswer;
}

export interface ScoringResult {
  /** Questionnaire.name that chose the scoring rules, e.g. "PHQ9", "SDQ_T4_17", "CASE_MANAGEMENT". */
  instrument: string;
  /** Canonical `url|version` of the Questionnaire that was scored, when it has a url. */
  questionnaire?: string;
  scores: readonly Score[];
  recordedAnswers: readonly RecordedAnswer[];
  /** Raised by critical items whatever the totals and whatever else is missing. */
  alerts: readonly CriticalItemAlert[];
}
