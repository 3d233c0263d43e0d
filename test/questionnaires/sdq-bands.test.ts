import { describe, expect, it } from 'vitest';
import { loadDefinition } from '../../questionnaires/index.js';
import type { SdqScale } from '../../questionnaires/scoring/sdq-items.js';
import { answersGiving, sdqScore } from './sdq-helpers.js';

// Worked examples at every band boundary of the reference tables (UK norms), written out per informant.
// Each row: score, three-band code, four-band code.
const N = 'normal', B = 'borderline', A = 'abnormal';
const CA = 'close-to-average', SR = 'slightly-raised', H = 'high', VH = 'very-high';
const SL = 'slightly-lowered', L = 'low', VL = 'very-low';
type Row = [number, string, string];

const PARENT: Partial<Record<SdqScale, Row[]>> = {
  total: [[0, N, CA], [13, N, CA], [14, B, SR], [16, B, SR], [17, A, H], [19, A, H], [20, A, VH], [40, A, VH]],
  emotional: [[0, N, CA], [3, N, CA], [4, B, SR], [5, A, H], [6, A, H], [7, A, VH], [10, A, VH]],
  conduct: [[0, N, CA], [2, N, CA], [3, B, SR], [4, A, H], [5, A, H], [6, A, VH], [10, A, VH]],
  hyperactivity: [[0, N, CA], [5, N, CA], [6, B, SR], [7, A, SR], [8, A, H], [9, A, VH], [10, A, VH]],
  peer: [[0, N, CA], [2, N, CA], [3, B, SR], [4, A, H], [5, A, VH], [10, A, VH]],
  prosocial: [[10, N, CA], [8, N, CA], [7, N, SL], [6, N, L], [5, B, VL], [4, A, VL], [0, A, VL]],
  impact: [[0, N, CA], [1, B, SR], [2, A, H], [3, A, VH], [10, A, VH]],
};

const TEACHER: Partial<Record<SdqScale, Row[]>> = {
  total: [[0, N, CA], [11, N, CA], [12, B, SR], [15, B, SR], [16, A, H], [18, A, H], [19, A, VH], [40, A, VH]],
  emotional: [[0, N, CA], [3, N, CA], [4, N, SR], [5, B, H], [6, A, VH], [10, A, VH]],
  conduct: [[0, N, CA], [2, N, CA], [3, B, SR], [4, A, H], [5, A, VH], [10, A, VH]],
  hyperactivity: [[0, N, CA], [5, N, CA], [6, B, SR], [7, A, SR], [8, A, H], [9, A, VH], [10, A, VH]],
  peer: [[0, N, CA], [2, N, CA], [3, N, SR], [4, B, SR], [5, A, H], [6, A, VH], [10, A, VH]],
  prosocial: [[10, N, CA], [6, N, CA], [5, B, SL], [4, A, L], [3, A, VL], [0, A, VL]],
  impact: [[0, N, CA], [1, B, SR], [2, A, H], [3, A, VH], [6, A, VH]],
};

const SELF: Partial<Record<SdqScale, Row[]>> = {
  total: [[0, N, CA], [14, N, CA], [15, N, SR], [16, B, SR], [17, B, SR], [18, B, H], [19, B, H], [20, A, VH], [40, A, VH]],
  emotional: [[0, N, CA], [4, N, CA], [5, N, SR], [6, B, H], [7, A, VH], [10, A, VH]],
  conduct: [[0, N, CA], [3, N, CA], [4, B, SR], [5, A, H], [6, A, VH], [10, A, VH]],
  hyperactivity: [[0, N, CA], [5, N, CA], [6, B, SR], [7, A, H], [8, A, VH], [10, A, VH]],
  peer: [[0, N, CA], [2, N, CA], [3, N, SR], [4, B, H], [5, B, VH], [6, A, VH], [10, A, VH]],
  prosocial: [[10, N, CA], [7, N, CA], [6, N, SL], [5, B, L], [4, A, VL], [0, A, VL]],
  impact: [[0, N, CA], [1, B, SR], [2, A, H], [3, A, VH], [10, A, VH]],
};

const FOUR_BAND_VERSIONS = [
  { name: 'SDQ_P4_17', tables: ['sdq-uk-parent-three-band', 'sdq-uk-parent-four-band'], rows: PARENT },
  { name: 'SDQ_T4_17', tables: ['sdq-uk-teacher-three-band', 'sdq-uk-teacher-four-band'], rows: TEACHER },
  { name: 'SDQ_S11_17', tables: ['sdq-uk-self-three-band', 'sdq-uk-self-four-band'], rows: SELF },
] as const;

describe.each(FOUR_BAND_VERSIONS)('$name: three-band and four-band UK norms', ({ name, tables, rows }) => {
  const questionnaire = loadDefinition(name);
  const cases = Object.entries(rows).flatMap(([scale, scaleRows]) => scaleRows.map(([value, three, four]) => ({ scale: scale as SdqScale, value, three, four })));

  it.each(cases)('$scale $value → $three / $four', ({ scale, value, three, four }) => {
    const score = sdqScore(questionnaire, answersGiving(questionnaire, scale, value), scale);
    expect(score.outcome).toEqual({ status: 'computed', value });
    expect(score.bands.map((band) => [band.code, band.table.id])).toEqual([
      [three, tables[0]],
      [four, tables[1]],
    ]);
  });
});

describe('SDQ_P2_4: only the provisional three-band table', () => {
  const questionnaire = loadDefinition('SDQ_P2_4');
  const P: Partial<Record<SdqScale, [number, string][]>> = {
    total: [[0, N], [12, N], [13, B], [15, B], [16, A], [40, A]],
    emotional: [[0, N], [2, N], [3, B], [4, A], [10, A]],
    conduct: [[0, N], [3, N], [4, B], [5, A], [10, A]],
    hyperactivity: [[0, N], [5, N], [6, B], [7, A], [10, A]],
    peer: [[0, N], [2, N], [3, B], [4, A], [10, A]],
    prosocial: [[10, N], [7, N], [6, B], [5, A], [0, A]],
  };
  const cases = Object.entries(P).flatMap(([scale, scaleRows]) => scaleRows.map(([value, three]) => ({ scale: scale as SdqScale, value, three })));

  it.each(cases)('$scale $value → $three (provisional)', ({ scale, value, three }) => {
    const score = sdqScore(questionnaire, answersGiving(questionnaire, scale, value), scale);
    expect(score.outcome).toEqual({ status: 'computed', value });
    expect(score.bands).toEqual([
      { code: three, display: expect.any(String), table: { id: 'sdq-parent-2-4-three-band-provisional', title: expect.any(String), provisional: true } },
    ]);
  });

  it('gives the impact score without a band, and says why', () => {
    const score = sdqScore(questionnaire, answersGiving(questionnaire, 'impact', 4), 'impact');
    expect(score.outcome).toEqual({ status: 'computed', value: 4 });
    expect(score.bands).toEqual([]);
    expect(score.bandNote).toMatch(/provisional/);
  });
});

describe('SDQ_T2_4: no norms in the reference, so no bands', () => {
  const questionnaire = loadDefinition('SDQ_T2_4');

  it.each(['total', 'emotional', 'prosocial', 'impact'] as const)('%s is scored but not banded, with a note', (scale) => {
    const score = sdqScore(questionnaire, answersGiving(questionnaire, scale, 5), scale);
    expect(score.outcome).toEqual({ status: 'computed', value: 5 });
    expect(score.bands).toEqual([]);
    expect(score.bandNote).toMatch(/No band table/);
  });
});

describe('externalising and internalising have no bands in any table', () => {
  it.each(['SDQ_P4_17', 'SDQ_T4_17', 'SDQ_S11_17', 'SDQ_P2_4', 'SDQ_T2_4'])('%s', (name) => {
    const questionnaire = loadDefinition(name);
    for (const scale of ['externalising', 'internalising'] as const) {
      const score = sdqScore(questionnaire, answersGiving(questionnaire, scale, 12), scale);
      expect(score.outcome).toEqual({ status: 'computed', value: 12 });
      expect(score.bands).toEqual([]);
      expect(score.bandNote).toBeUndefined();
    }
  });
});
