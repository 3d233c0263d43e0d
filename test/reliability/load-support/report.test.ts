import { describe, expect, it } from 'vitest';
import { formatP95Timeline } from './report.js';

describe('formatP95Timeline: slow answers over time', () => {
  const steady = (from: number, to: number, ms: number) => Array.from({ length: 100 }, (_, i) => ({ at: from + ((to - from) * i) / 100, ms }));

  it('gives each window the p95 of the requests sent in it, and marks the windows over the limit', () => {
    const lines = formatP95Timeline([...steady(0, 10, 50), ...steady(10, 20, 800), ...steady(20, 30, 40)], 10, 300).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^ {4}0 s {2}p95 {4}50 ms \|#+$/);
    expect(lines[1]).toMatch(/^ {3}10 s {2}p95 {3}800 ms >#{50}$/);
    expect(lines[2]).toMatch(/^ {3}20 s {2}p95 {4}40 ms \|#+$/);
  });

  it('leaves a window without requests empty instead of leaving it out', () => {
    const lines = formatP95Timeline([...steady(0, 5, 50), ...steady(10, 15, 50)], 5, 300).split('\n');
    expect(lines[1]).toBe('    5 s  p95     — ms |');
  });
});
