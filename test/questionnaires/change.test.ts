import type { Observation } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { isPhq9Change, scoreChange, scorePointFromObservation, type ScorePoint } from '../../questionnaires/index.js';

const phq9 = (value: number, date?: string): ScorePoint => ({ system: 'http://loinc.org', code: '44261-6', value, ...(date === undefined ? {} : { date }) });
const srq20 = (value: number): ScorePoint => ({ system: 'https://hiwa.health/fhir/CodeSystem/hiwa-scores', code: 'srq20-total', value });

describe('scoreChange', () => {
  it('gives previous, current and the difference (current − previous)', () => {
    const change = scoreChange(srq20(12), srq20(7));
    expect(change).toEqual({ system: srq20(0).system, code: 'srq20-total', previous: srq20(12), current: srq20(7), difference: -5 });
    expect(isPhq9Change(change)).toBe(false);
  });

  it('refuses to compare different scores', () => {
    expect(() => scoreChange(srq20(3), phq9(3))).toThrow(/cannot compare/);
  });

  describe('PHQ-9 total', () => {
    it.each([
      // previous, current, baseline, response, remission, meaningful
      [20, 10, 20, true, false, true], // exactly 50% reduction from baseline
      [20, 11, 20, false, false, true], // 45%
      [15, 4, 15, true, true, true],
      [6, 5, 6, false, false, false], // remission needs < 5
      [6, 4, 6, false, true, false], // 4 ≤ 3 fails: no response; but remission
      [12, 7, 12, false, false, true], // |Δ| = 5 is meaningful
      [12, 8, 12, false, false, false], // |Δ| = 4 is not
      [7, 12, 7, false, false, true], // worsening by 5 is meaningful too
      [0, 0, 0, false, true, false], // a baseline of 0 has nothing to reduce
    ])('%i → %i (baseline %i): response %s, remission %s, meaningful %s', (previous, current, baseline, response, remission, meaningful) => {
      const change = scoreChange(phq9(previous), phq9(current), phq9(baseline));
      expect(change).toMatchObject({ difference: current - previous, response, remission, clinicallyMeaningful: meaningful });
    });

    it('measures response from the baseline and meaningful change from the previous score', () => {
      const change = scoreChange(phq9(12), phq9(9), phq9(20));
      expect(change).toMatchObject({ difference: -3, response: true, clinicallyMeaningful: false, baseline: phq9(20) });
    });

    it('takes the previous score as baseline when none is given', () => {
      const change = scoreChange(phq9(18, '2025-01-01'), phq9(9, '2025-03-01'));
      expect(isPhq9Change(change) && change.baseline).toEqual(phq9(18, '2025-01-01'));
    });
  });
});

describe('scorePointFromObservation', () => {
  const observation: Observation = {
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '44261-6' }] },
    effectiveDateTime: '2025-03-01T09:30:00Z',
    valueInteger: 14,
  };

  it('reads code, value and date', () => {
    expect(scorePointFromObservation(observation)).toEqual(phq9(14, '2025-03-01T09:30:00Z'));
  });

  it('gives nothing for a score without value or one entered in error', () => {
    const { valueInteger: _value, ...absent } = observation;
    expect(scorePointFromObservation({ ...absent, dataAbsentReason: { text: 'missing' } })).toBeUndefined();
    expect(scorePointFromObservation({ ...observation, status: 'entered-in-error' })).toBeUndefined();
  });
});
