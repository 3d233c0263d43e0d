import { describe, expect, it } from 'vitest';
import type { Indicator } from '../../server/reports/indicator.js';
import { suppressIndicators } from '../../server/reports/suppress-indicators.js';
import { recoverable, suppressCells, type CountTable, type Equation } from '../../server/reports/suppression.js';

/** A table of rows × columns with row totals, column totals and a grand total, as equations. */
function grid(rows: number[][]): CountTable {
  const values = new Map<string, number>();
  const equations: Equation[] = [];
  rows.forEach((row, r) => {
    row.forEach((v, c) => values.set(`${r},${c}`, v));
    values.set(`${r},T`, row.reduce((a, b) => a + b, 0));
    equations.push({ total: `${r},T`, parts: row.map((_, c) => `${r},${c}`) });
  });
  rows[0].forEach((_, c) => {
    values.set(`T,${c}`, rows.reduce((a, row) => a + row[c], 0));
    equations.push({ total: `T,${c}`, parts: rows.map((_, r) => `${r},${c}`) });
  });
  values.set('T,T', [...values].filter(([k]) => k.endsWith(',T')).reduce((a, [, v]) => a + v, 0));
  equations.push({ total: 'T,T', parts: rows.map((_, r) => `${r},T`) });
  equations.push({ total: 'T,T', parts: rows[0].map((_, c) => `T,${c}`) });
  return { values, equations };
}

/**
 * What someone holding the published figures can work out by the usual attack: repeatedly solving any
 * equation with a single unknown left. Returns the hidden keys they recover.
 */
function attack(table: CountTable, hidden: ReadonlySet<string>): string[] {
  const known = new Map([...table.values].filter(([k]) => !hidden.has(k)));
  for (let progress = true; progress; ) {
    progress = false;
    for (const e of table.equations) {
      const unknown = [e.total, ...e.parts].filter((k) => !known.has(k));
      if (unknown.length !== 1) continue;
      const sumParts = e.parts.reduce((a, k) => a + (known.get(k) ?? 0), 0);
      known.set(unknown[0], unknown[0] === e.total ? sumParts : (known.get(e.total) as number) - sumParts);
      progress = true;
    }
  }
  return [...hidden].filter((k) => known.has(k));
}

describe('small-cell suppression', () => {
  it('hides a lone small cell of a row together with another cell of that row, and of its column', () => {
    // Row 0 has one small cell (3): hiding it alone, the row total would give it back.
    const table = grid([
      [3, 20, 30],
      [12, 25, 40],
    ]);
    const hidden = suppressCells(table, 5);
    expect(hidden.has('0,0')).toBe(true);
    expect(hidden.size).toBeGreaterThanOrEqual(4); // a rectangle at least
    expect(attack(table, hidden)).toEqual([]);
    expect(recoverable(table.equations, hidden)).toEqual([]);
    // published values are the real ones
    expect(table.values.get('1,2')).toBe(40);
  });

  it('protects a single-column list (strata of one disaggregation) against the total', () => {
    const values = new Map([
      ['total', 57],
      ['female', 30],
      ['male', 25],
      ['unknown', 2],
    ]);
    const table = { values, equations: [{ total: 'total', parts: ['female', 'male', 'unknown'] }] };
    const hidden = suppressCells(table, 5);
    expect([...hidden].sort()).toEqual(['male', 'unknown']); // the smallest other stratum, not the total
    expect(attack(table, hidden)).toEqual([]);
  });

  it('needs no complement when two small cells already share the row', () => {
    const table = { values: new Map([['t', 50], ['a', 2], ['b', 3], ['c', 45]]), equations: [{ total: 't', parts: ['a', 'b', 'c'] }] };
    expect([...suppressCells(table, 5)].sort()).toEqual(['a', 'b']);
  });

  it('publishes zeros and counts at the threshold', () => {
    const table = { values: new Map([['t', 5], ['a', 0], ['b', 5]]), equations: [{ total: 't', parts: ['a', 'b'] }] };
    expect(suppressCells(table, 5).size).toBe(0);
  });

  it('is not fooled by a pattern that survives a row-by-row check but not linear algebra', () => {
    // Small cells at (0,0), (0,1), (1,0): every row and column with one hidden gets a partner, but the
    // equations together can still pin a cell unless enough is hidden. Check with elimination.
    const table = grid([
      [1, 2, 30, 40],
      [4, 50, 60, 70],
      [80, 90, 3, 100],
    ]);
    const hidden = suppressCells(table, 5);
    for (const k of ['0,0', '0,1', '1,0', '2,2']) expect(hidden.has(k)).toBe(true);
    expect(recoverable(table.equations, hidden)).toEqual([]);
    expect(attack(table, hidden)).toEqual([]);
  });

  it('protects a total that is itself small, and what gives it back', () => {
    const table = grid([
      [2, 1],
      [40, 50],
    ]);
    const hidden = suppressCells(table, 5);
    expect(hidden.has('0,T')).toBe(true);
    expect(attack(table, hidden)).toEqual([]);
    expect(recoverable(table.equations, hidden)).toEqual([]);
  });
});

describe('suppressing indicators', () => {
  const indicator = (code: string, count: number, strata: Record<string, number>, extra: Partial<Indicator> = {}): Indicator => ({
    code,
    display: code,
    count,
    stratifiers: [{ code: 'gender', strata: Object.entries(strata).map(([value, n]) => ({ value, count: n })) }],
    ...extra,
  });

  it('hides small strata with a complement, and keeps totals', () => {
    const [out] = suppressIndicators([indicator('services', 40, { female: 36, male: 3, unknown: 1 })], 5);
    expect(out.count).toBe(40);
    expect(out.stratifiers[0].strata.map((s) => [s.value, s.count])).toEqual([
      ['female', 36],
      ['male', null], // 3, and its complement: together 4, neither recoverable
      ['unknown', null],
    ]);
  });

  it('links a cross-tabulation to the strata of its components', () => {
    const ind: Indicator = {
      code: 'beneficiaries',
      display: '',
      count: 60,
      stratifiers: [
        { code: 'gender', strata: [{ value: 'female', count: 33 }, { value: 'male', count: 27 }] },
        { code: 'age-group', strata: [{ value: 'under-18', count: 13 }, { value: '18-and-over', count: 47 }] },
        {
          code: 'gender|age-group',
          components: ['gender', 'age-group'],
          strata: [
            { value: 'female|under-18', count: 3 },
            { value: 'female|18-and-over', count: 30 },
            { value: 'male|under-18', count: 10 },
            { value: 'male|18-and-over', count: 17 },
          ],
        },
      ],
    };
    const [out] = suppressIndicators([ind], 5);
    const cross = Object.fromEntries(out.stratifiers[2].strata.map((s) => [s.value, s.count]));
    // female|under-18 (3) is hidden; female and under-18 totals are published, so its row and column
    // partners must go too: a rectangle of four.
    expect(cross).toEqual({ 'female|under-18': null, 'female|18-and-over': null, 'male|under-18': null, 'male|18-and-over': null });
    expect(out.count).toBe(60);
    expect(out.stratifiers[0].strata.every((s) => s.count !== null)).toBe(true);
  });

  it('withholds a rate whose numerator or base is suppressed, and hides counts that must stay equal together', () => {
    const out = suppressIndicators(
      [
        { code: 'referrals', display: '', count: 20, stratifiers: [] },
        { code: 'accepted', display: '', count: 3, stratifiers: [], score: { value: 15, unit: '%' }, scoreBase: 'referrals' },
        { code: 'days', display: '', count: 3, stratifiers: [], score: { value: 2, unit: 'd' }, scoreBase: 'accepted', sameCountAs: 'accepted' },
      ],
      5,
    );
    expect(out.map((i) => [i.code, i.count, i.score?.value])).toEqual([
      ['referrals', 20, undefined],
      ['accepted', null, null],
      ['days', null, null],
    ]);
  });
});
