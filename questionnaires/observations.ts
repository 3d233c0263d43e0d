import type { CodeableConcept, Coding, Extension, Observation, QuestionnaireResponse } from '@medplum/fhirtypes';
import {
  BAND_TABLE_EXTENSION,
  BAND_TABLE_SYSTEM,
  DATA_ABSENT_REASON_SYSTEM,
  OBSERVATION_CATEGORY_SYSTEM,
  SCORE_BAND_SYSTEM,
  SCORE_CUTOFF_EXTENSION,
} from './fhir-systems.js';
import { responseReference } from './response-reference.js';
import { responseSubject } from './response-subject.js';
import type { MissingReason, RecordedAnswer, Score, ScoreBand, ScoringResult } from './scoring/types.js';

export interface ObservationOptions {
  /** When the Observations are made (`issued`); injected so the function stays pure. */
  now: Date;
  /** Reference to the response for `derivedFrom`; defaults to `QuestionnaireResponse/<id>` or the pending placeholder. */
  responseReference?: string;
}

/** One Observation per score and per recorded answer, in the order of the result. */
export function toObservations(result: ScoringResult, response: QuestionnaireResponse, options: ObservationOptions): Observation[] {
  return [
    ...result.scores.map((score) => scoreObservation(score, response, options)),
    ...result.recordedAnswers.map((recorded) => answerObservation(recorded, response, options)),
  ];
}

function scoreObservation(score: Score, response: QuestionnaireResponse, options: ObservationOptions): Observation {
  const observation = baseObservation(score.code, score.title, response, options);
  if (score.outcome.status === 'missing') {
    // Never a guessed number: the Observation says why the value is absent.
    return { ...observation, dataAbsentReason: dataAbsentReason(score.outcome.reason) };
  }
  return {
    ...observation,
    valueInteger: score.outcome.value,
    ...(score.bands.length === 0 ? {} : { interpretation: score.bands.map(interpretation) }),
    ...(score.bandNote === undefined ? {} : { note: [{ text: score.bandNote }] }),
  };
}

function answerObservation(recorded: RecordedAnswer, response: QuestionnaireResponse, options: ObservationOptions): Observation {
  const observation = baseObservation(recorded.code, recorded.title, response, options);
  return { ...observation, valueCodeableConcept: { coding: [recorded.answer], ...textOf(recorded.answer.display) } };
}

function baseObservation(code: Coding, title: string, response: QuestionnaireResponse, options: ObservationOptions): Observation {
  const subject = responseSubject(response);
  return {
    resourceType: 'Observation',
    status: 'final',
    category: [{ coding: [{ system: OBSERVATION_CATEGORY_SYSTEM, code: 'survey', display: 'Survey' }] }],
    code: { coding: [code], text: title },
    ...(subject === undefined ? {} : { subject }),
    ...(response.encounter === undefined ? {} : { encounter: response.encounter }),
    ...(response.authored === undefined ? {} : { effectiveDateTime: response.authored }),
    issued: options.now.toISOString(),
    derivedFrom: [responseReference(response, options.responseReference)],
  };
}

/** The band, and as an extension the norm table it was read from (and the cut-off, for SRQ-20). */
function interpretation(band: ScoreBand): CodeableConcept {
  const extension: Extension[] = [
    { url: BAND_TABLE_EXTENSION, valueCoding: { system: BAND_TABLE_SYSTEM, code: band.table.id, display: band.table.title } },
  ];
  if (band.table.cutoff !== undefined) extension.push({ url: SCORE_CUTOFF_EXTENSION, valueInteger: band.table.cutoff });
  return {
    extension,
    coding: [{ system: SCORE_BAND_SYSTEM, code: band.code, display: band.display }],
    text: `${band.display} (${band.table.title})`,
  };
}

function dataAbsentReason(reason: MissingReason): CodeableConcept {
  switch (reason.kind) {
    case 'not-administered':
      return { coding: [{ system: DATA_ABSENT_REASON_SYSTEM, code: 'not-asked', display: 'Not Asked' }], text: 'Not computed: none of its items was answered.' };
    case 'items-unanswered':
      return {
        coding: [{ system: DATA_ABSENT_REASON_SYSTEM, code: 'asked-unknown', display: 'Asked But Unknown' }],
        text: `Not computed: too few items answered (unanswered: ${reason.linkIds.join(', ')}).`,
      };
    case 'component-missing':
      return {
        coding: [{ system: DATA_ABSENT_REASON_SYSTEM, code: 'asked-unknown', display: 'Asked But Unknown' }],
        text: `Not computed: a part is missing (${reason.components.join(', ')}).`,
      };
  }
}

function textOf(display: string | undefined): { text?: string } {
  return display === undefined ? {} : { text: display };
}
