// Public API of the questionnaire module: definitions, text packs, scoring, FHIR output, checks.
// Everything here is pure (no I/O) and runs in the browser as well as on the server.

export { loadDefinition, loadDefinitions } from './definitions.js';

export { parseTextPack, textPackSchema, type TextPack } from './text-pack.js';
export { findTextPack, loadShippedTextPacks } from './shipped-text-packs.js';
export { textPackMisfits, type TextPackMisfit } from './text-pack-fit.js';
export {
  applyTextPack,
  TEXT_PACK_NOTICE_LINK_ID,
  type LocalizedQuestionnaire,
  type TextPackNotice,
  type TextPackNoticeCode,
} from './apply-text-pack.js';

export { isScoredInstrument, scoreResponse } from './scoring/score-response.js';
export { parseScoringSettings, scoringSettingsSchema, type ScoringSettings, type ScoringSettingsInput } from './scoring/settings.js';
export type {
  BandTableRef,
  CriticalItemAlert,
  MissingReason,
  RecordedAnswer,
  Score,
  ScoreBand,
  ScoreOutcome,
  ScoringResult,
} from './scoring/types.js';
export { SDQ_VERSIONS, type SdqInformant, type SdqVersionName } from './scoring/sdq-versions.js';
export { bandRangesOfRecordedTable, type RecordedBandTable } from './scoring/band-table-lookup.js';
export type { BandRange } from './scoring/bands.js';

export { toObservations, type ObservationOptions } from './observations.js';
export { SUICIDE_RISK_CODE, toRiskFlag } from './risk-flag.js';
export { PENDING_RESPONSE_REFERENCE } from './response-reference.js';

export { indexAnswersByLinkId, type AnswerIndex } from './response-answers.js';
export { checkResponseAgainstQuestionnaire, type ResponseIssue, type ResponseIssueCode } from './validate-response.js';
export { isPhq9Change, PHQ9_MEANINGFUL_CHANGE, scoreChange, scorePointFromObservation, type Phq9Change, type ScoreChange, type ScorePoint } from './change.js';

export * from './fhir-systems.js';
