import type { Observation } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { chartBandRanges, scoreChartGeometry, xPositions, type ChartFrame } from '../../client/src/clinical/score-chart.js';
import { latestScoreChange } from '../../client/src/clinical/score-change-summary.js';
import { scoreSeriesFrom } from '../../client/src/clinical/score-series.js';
import { PHQ9_BAND_TABLE } from '../../questionnaires/scoring/phq9.js';
import { SDQ_PARENT_THREE_BAND, SDQ_TEACHER_THREE_BAND } from '../../questionnaires/scoring/sdq-band-tables.js';
import { srq20BandTable } from '../../questionnaires/scoring/srq20.js';
import { loadDefinition, scoreResponse, toObservations } from '../../questionnaires/index.js';
import { respond } from '../questionnaires/fixtures.js';
import { answersGiving } from '../questionnaires/sdq-helpers.js';

const BAND_TABLE = 'https://hiwa.health/fhir/StructureDefinition/band-table';
const CUTOFF = 'https://hiwa.health/fhir/StructureDefinition/score-cutoff';

/** A score Observation as the server writes it: the band, with the table (and cut-off) it was read from. */
const score = (code: string, value: number, date: string, band: { code: string; table: string; cutoff?: number }): Observation => ({
  resourceType: 'Observation',
  id: `${code}-${date}`,
  status: 'final',
  code: { coding: [{ system: code === '44261-6' ? 'http://loinc.org' : 'https://hiwa.health/fhir/CodeSystem/hiwa-scores', code }], text: code },
  effectiveDateTime: date,
  valueInteger: value,
  interpretation: [
    {
      extension: [{ url: BAND_TABLE, valueCoding: { code: band.table } }, ...(band.cutoff === undefined ? [] : [{ url: CUTOFF, valueInteger: band.cutoff }])],
      coding: [{ code: band.code, display: band.code }],
    },
  ],
});
const phq9 = (value: number, date: string) => score('44261-6', value, date, { code: 'x', table: PHQ9_BAND_TABLE.ref.id });

// a frame whose plot runs from y = 100 (score 0) up to y = 0 (score 27 for the PHQ-9): easy numbers to check
const FRAME: ChartFrame = { width: 200, height: 100, left: 0, right: 0, top: 0, bottom: 0 };

describe('the chart of a score over time', () => {
  it('draws the PHQ-9 bands from the scorer’s own table, with cut-off lines half a point below 5, 10, 15 and 20', () => {
    const [series] = scoreSeriesFrom([phq9(15, '2026-01-01T00:00:00Z'), phq9(9, '2026-02-01T00:00:00Z')]);
    const geometry = scoreChartGeometry(series, FRAME);
    expect(geometry.bands.map((b) => [b.code, b.min, b.max])).toEqual(PHQ9_BAND_TABLE.ranges.map((r) => [r.code, r.min, r.max]));
    expect(geometry.cutoffs.map((c) => c.value)).toEqual([5, 10, 15, 20]);
    const y = (value: number) => 100 - (value * 100) / 27;
    expect(geometry.cutoffs[1].y).toBeCloseTo(y(9.5));
    // the lowest band starts at the bottom of the scale and the highest ends at its top, never beyond
    expect(geometry.bands[0].yBottom).toBeCloseTo(100);
    expect(geometry.bands[4].yTop).toBeCloseTo(0);
    // a score of 10 sits inside "moderate", not on its edge
    const moderate = geometry.bands[2];
    expect(y(10)).toBeLessThan(moderate.yBottom);
    expect(y(10)).toBeGreaterThan(moderate.yTop);
    expect(geometry.points.map((p) => [p.value, Math.round(p.y)])).toEqual([
      [15, Math.round(y(15))],
      [9, Math.round(y(9))],
    ]);
  });

  it('places results by date, so a long gap looks long; evenly when dates are missing or equal', () => {
    expect(xPositions(['2026-01-01', '2026-01-02', '2026-01-11'], 0, 100)).toEqual([0, 10, 100]);
    expect(xPositions(['2026-01-01', undefined, '2026-01-11'], 0, 100)).toEqual([0, 50, 100]);
    expect(xPositions(['2026-01-01', '2026-01-01'], 0, 100)).toEqual([0, 100]);
    expect(xPositions(['2026-01-01'], 0, 100)).toEqual([50]);
  });

  it('leaves out scores that could not be computed, and draws no bands when the record names no known table', () => {
    const missing: Observation = { ...phq9(0, '2026-03-01T00:00:00Z'), valueInteger: undefined, interpretation: undefined, dataAbsentReason: { text: 'missing' } };
    const unknownTable = score('44261-6', 7, '2026-02-01T00:00:00Z', { code: 'mild', table: 'retired-table' });
    const [series] = scoreSeriesFrom([unknownTable, missing]);
    const geometry = scoreChartGeometry(series, FRAME);
    expect(geometry.points.map((p) => p.value)).toEqual([7]);
    expect(geometry.bands).toEqual([]);
    expect(geometry.cutoffs).toEqual([]);
  });

  it('SRQ-20: the cut-off the score was banded with, as the record carries it', () => {
    const table = srq20BandTable(8);
    const [series] = scoreSeriesFrom([score('srq20-total', 9, '2026-01-01', { code: 'positive', table: table.ref.id, cutoff: 8 })]);
    expect(scoreChartGeometry(series, FRAME).cutoffs.map((c) => c.value)).toEqual([8]);
  });

  it('SDQ prosocial: a strength, its best band (the highest scores) first, cut-offs in score order', () => {
    const [series] = scoreSeriesFrom([score('sdq-prosocial', 4, '2026-01-01', { code: 'abnormal', table: SDQ_PARENT_THREE_BAND.ref.id })]);
    expect(chartBandRanges(series).map((r) => [r.code, r.min, r.max])).toEqual([
      ['normal', 6, 10],
      ['borderline', 5, 5],
      ['abnormal', 0, 4],
    ]);
    const geometry = scoreChartGeometry(series, FRAME);
    expect(geometry.bands.map((b) => b.rank)).toEqual([0, 1, 2]);
    expect(geometry.cutoffs.map((c) => c.value)).toEqual([5, 6]);
  });

  it('a scored SDQ teacher response: each scale drawn with the teacher norms the scorer banded it with', () => {
    const questionnaire = loadDefinition('SDQ_T4_17');
    const response = respond(questionnaire, answersGiving(questionnaire, 'emotional', 5));
    const observations = toObservations(scoreResponse(questionnaire, { ...response, authored: '2026-01-01' }), response, { now: new Date('2026-01-01') });
    const emotional = scoreSeriesFrom(observations).find((s) => s.code === 'sdq-emotional');
    expect(emotional?.points[0]).toMatchObject({ value: 5, bandCode: 'borderline' });
    expect(chartBandRanges(emotional!)).toEqual(SDQ_TEACHER_THREE_BAND.rows.emotional);
  });
});

describe('the change since the previous score', () => {
  it('PHQ-9: a fall of 6 is clinically meaningful; a fall of 3 is not (questionnaires/change.ts decides)', () => {
    const [falling] = scoreSeriesFrom([phq9(18, '2026-01-01'), phq9(15, '2026-02-01'), phq9(9, '2026-03-01')]);
    expect(latestScoreChange(falling)).toEqual({ difference: -6, previousValue: 15, previousDate: '2026-02-01', clinicallyMeaningful: true });
    const [small] = scoreSeriesFrom([phq9(12, '2026-01-01'), phq9(9, '2026-02-01')]);
    expect(latestScoreChange(small)).toMatchObject({ difference: -3, clinicallyMeaningful: false });
  });

  it('a rise counts as meaningful too; a first score has nothing to compare with', () => {
    const [rising] = scoreSeriesFrom([phq9(4, '2026-01-01'), phq9(10, '2026-02-01')]);
    expect(latestScoreChange(rising)).toMatchObject({ difference: 6, clinicallyMeaningful: true });
    expect(latestScoreChange(scoreSeriesFrom([phq9(4, '2026-01-01')])[0])).toBeUndefined();
  });

  it('instruments without an agreed threshold (SRQ-20, SDQ) get the difference and no verdict', () => {
    const table = srq20BandTable(8);
    const [series] = scoreSeriesFrom([
      score('srq20-total', 12, '2026-01-01', { code: 'positive', table: table.ref.id, cutoff: 8 }),
      score('srq20-total', 3, '2026-02-01', { code: 'negative', table: table.ref.id, cutoff: 8 }),
    ]);
    const change = latestScoreChange(series);
    expect(change).toEqual({ difference: -9, previousValue: 12, previousDate: '2026-01-01' });
    expect(change?.clinicallyMeaningful).toBeUndefined();
  });
});
