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
