import { describe, expect, it } from 'vitest';
import { formatCurve, judgeFlatness, type RssSample } from './rss-curve.js';

/** Samples every `step` seconds over `seconds`, each from `mb(t)`. */
const curve = (seconds: number, step: number, mb: (t: number) => number): RssSample[] =>
  Array.from({ length: Math.floor(seconds / step) + 1 }, (_, i) => ({ seconds: i * step, mb: mb(i * step) }));

describe('judgeFlatness: the last window against the second one', () => {
  it('uses minute windows on a five-minute run and fifths of a shorter one', () => {
    expect(judgeFlatness(curve(300, 5, () => 200), 300).windowSeconds).toBe(60);
    expect(judgeFlatness(curve(30, 1, () => 200), 30).windowSeconds).toBe(6);
  });

  it('a flat curve with a garbage-collection sawtooth is flat', () => {
    const f = judgeFlatness(curve(300, 5, (t) => 200 + ((t / 5) % 4) * 10), 300);
    expect(f.flat).toBe(true);
    expect(Math.abs(f.growth)).toBeLessThan(0.05);
  });

  it('the warm-up in the first window is not held against the server', () => {
    expect(judgeFlatness(curve(300, 5, (t) => (t < 60 ? 100 + t : 200)), 300).flat).toBe(true);
  });

  it('a steady leak of 20% over the run is not flat', () => {
    const f = judgeFlatness(curve(300, 5, (t) => 200 + (t / 300) * 40), 300);
    expect(f.earlyMb).toBeCloseTo(212, 0);
    expect(f.lateMb).toBeCloseTo(236, 0);
    expect(f.flat).toBe(false);
  });

  it('exactly 10% more is still flat; more than that is not', () => {
    expect(judgeFlatness(curve(300, 5, (t) => (t >= 240 ? 220 : 200)), 300).flat).toBe(true);
    expect(judgeFlatness(curve(300, 5, (t) => (t >= 240 ? 221 : 200)), 300).flat).toBe(false);
  });
});

describe('formatCurve', () => {
  it('prints one row per sample, thinned to the rows asked, with bars scaled to the peak', () => {
    const text = formatCurve(curve(100, 1, (t) => 100 + t), 10, 20);
    const rows = text.split('\n');
    expect(rows.length).toBeLessThanOrEqual(11);
    expect(rows[0]).toBe('    0 s   100 MB |##########');
    expect(rows.at(-1)).toBe('  100 s   200 MB |####################');
  });

  it('says so when there is nothing to print', () => {
    expect(formatCurve([])).toBe('(no samples)');
  });
});
