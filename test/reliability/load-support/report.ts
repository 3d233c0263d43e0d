import { summarize } from '../../bench/latency.js';

/** A Markdown table that also reads well in a terminal: columns padded to their widest cell. */
export function markdownTable(headings: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [headings, ...rows].map((row) => row.map(String));
  const widths = headings.map((_, c) => Math.max(...cells.map((row) => row[c]?.length ?? 0)));
  const line = (row: readonly string[]): string => `| ${row.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
  return [line(cells[0]), line(widths.map((w) => '-'.repeat(w))), ...cells.slice(1).map(line)].join('\n');
}

/** Milliseconds as a table shows them. */
export const ms = (value: number): string => (Number.isFinite(value) ? value.toFixed(value < 10 ? 1 : 0) : '—');

/** Writes a block of figures where a suite's output is read (vitest's console reporter keeps it with the suite). */
export function printFigures(title: string, body: string): void {
  console.log(`\n## ${title}\n\n${body}\n`);
}

/**
 * The p95 of the requests sent in each window of `windowSeconds`, as a bar per window: whether slow answers
 * come all through the run or in bursts (a checkpoint, a vacuum, a plan that changed) shows at a glance.
 */
export function formatP95Timeline(timeline: readonly { at: number; ms: number }[], windowSeconds: number, limitMs: number): string {
  const windows: number[][] = [];
  for (const { at, ms: latency } of timeline) (windows[Math.floor(at / windowSeconds)] ??= []).push(latency);
  const p95s = [...windows].map((w) => (w && w.length > 0 ? summarize(w, windowSeconds, 0).p95 : Number.NaN));
  const widest = Math.max(limitMs, ...p95s.filter(Number.isFinite));
  return p95s
    .map((p95, i) => {
      const bar = Number.isFinite(p95) ? '#'.repeat(Math.max(1, Math.round((50 * p95) / widest))) : '';
      return `${String(i * windowSeconds).padStart(5)} s  p95 ${ms(p95).padStart(5)} ms ${p95 > limitMs ? '>' : '|'}${bar}`;
    })
    .join('\n');
}
