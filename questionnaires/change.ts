import type { Observation } from '@medplum/fhirtypes';
import { PHQ9_TOTAL_CODE } from './scoring/phq9.js';

/** One score of one patient at one time, as read from a score Observation. */
export interface ScorePoint {
  system: string;
  code: string;
  value: number;
  /** effectiveDateTime of the Observation, when known. */
  date?: string;
}

export interface ScoreChange {
  system: string;
  code: string;
  previous: ScorePoint;
  current: ScorePoint;
  /** current − previous: negative means the score went down. */
  difference: number;
}

/** PHQ-9 adds the usual treatment-outcome markers (a lower PHQ-9 is better). */
export interface Phq9Change extends ScoreChange {
  baseline: ScorePoint;
  /** At least a 50% reduction from the baseline; never for a baseline of 0, which has nothing to reduce. */
  response: boolean;
  /** Current total below 5. */
  remission: boolean;
  /** |difference| ≥ 5 points between previous and current. */
  clinicallyMeaningful: boolean;
}

/** Points of PHQ-9 change, either way, that count as clinically meaningful (exported so the UI can say the threshold). */
export const PHQ9_MEANINGFUL_CHANGE = 5;
const PHQ9_REMISSION_BELOW = 5;

/**
 * Change between two scores of the same code. For the PHQ-9 total the result also says response,
 * remission and whether the change is clinically meaningful; `baseline` defaults to `previous`.
 * Throws when the two points are different scores.
 */
export function scoreChange(previous: ScorePoint, current: ScorePoint, baseline: ScorePoint = previous): ScoreChange | Phq9Change {
  for (const other of [current, baseline]) {
    if (other.system !== previous.system || other.code !== previous.code) {
      throw new Error(`cannot compare score ${previous.system}|${previous.code} with ${other.system}|${other.code}`);
    }
  }
  const change: ScoreChange = { system: previous.system, code: previous.code, previous, current, difference: current.value - previous.value };
  if (!isPhq9Total(previous)) return change;
  return {
    ...change,
    baseline,
    response: baseline.value > 0 && current.value <= baseline.value / 2,
    remission: current.value < PHQ9_REMISSION_BELOW,
    clinicallyMeaningful: Math.abs(change.difference) >= PHQ9_MEANINGFUL_CHANGE,
  };
}

export function isPhq9Change(change: ScoreChange): change is Phq9Change {
  return isPhq9Total(change);
}

function isPhq9Total(score: { system: string; code: string }): boolean {
  return score.system === PHQ9_TOTAL_CODE.system && score.code === PHQ9_TOTAL_CODE.code;
}

/** The score a final score Observation holds, or undefined when it has no value (dataAbsentReason) or no code. */
export function scorePointFromObservation(observation: Observation): ScorePoint | undefined {
  const coding = observation.code.coding?.[0];
  const value = observation.valueInteger;
  if (coding?.system === undefined || coding.code === undefined || value === undefined || observation.status === 'entered-in-error') return undefined;
  return {
    system: coding.system,
    code: coding.code,
    value,
    ...(observation.effectiveDateTime === undefined ? {} : { date: observation.effectiveDateTime }),
  };
}
