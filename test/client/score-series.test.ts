import type { Observation } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { scaleOf, scoreSeriesFrom } from '../../client/src/clinical/score-series.js';

const phq9Total = (id: string, value: number, date: string, status: Observation['status'] = 'final'): Observation => ({
  resourceType: 'Observation',
  id,
  status,
  code: { coding: [{ system: 'http://loinc.org', code: '44261-6' }], text: 'PHQ-9 total score' },
  effectiveDateTime: date,
  valueInteger: value,
  interpretation: [{ coding: [{ code: 'mild', display: 'Mild' }] }],
});

describe('score Observations as series', () => {
  it('one series per measure, oldest first, amended-away scores left out, on the instrument’s scale', () => {
    const [series, ...others] = scoreSeriesFrom([
      phq9Total('b', 12, '2026-02-01T00:00:00Z'),
      phq9Total('a', 15, '2026-01-01T00:00:00Z'),
      phq9Total('x', 20, '2026-01-15T00:00:00Z', 'entered-in-error'),
    ]);
    expect(others).toEqual([]);
    expect(series.label).toBe('PHQ-9 total score');
    expect(series.points.map((p) => [p.value, p.band])).toEqual([
      [15, 'Mild'],
      [12, 'Mild'],
    ]);
    expect(scaleOf(series)).toEqual({ min: 0, max: 27 });
  });

  it('a score that could not be computed says why instead of showing a number', () => {
    const [series] = scoreSeriesFrom([
      { ...phq9Total('m', 0, '2026-01-01T00:00:00Z'), valueInteger: undefined, interpretation: undefined, dataAbsentReason: { text: 'Items missing' } },
    ]);
    expect(series.points[0]).toMatchObject({ computed: false, valueText: 'Items missing' });
    expect(series.points[0].value).toBeUndefined();
  });
});
