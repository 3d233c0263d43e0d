/** One line of the results table; absent cells print as "—". */
export interface ResultRow {
  scenario: string;
  /** operations per second, already formatted when the unit is not req/s */
  rate?: string;
  p50?: number;
  p95?: number;
  baseline?: string;
  ratio?: number;
  target?: string;
  met?: boolean;
  /** CPU ms per operation of the server process and of the database backends */
  serverCpuMs?: number;
  databaseCpuMs?: number;
}

const headings = ['scenario', 'req/s', 'p50 ms', 'p95 ms', 'baseline', 'ratio', 'target', 'met?', 'server CPU ms/op', 'db CPU ms/op'];

/** A plain-text table that reads the same in a terminal, a log and a Markdown file. */
export function formatTable(rows: ResultRow[]): string {
  const cells = rows.map((r) => [
    r.scenario,
    r.rate ?? '—',
    ms(r.p50),
    ms(r.p95),
    r.baseline ?? '—',
    r.ratio === undefined ? '—' : `${(r.ratio * 100).toFixed(0)}%`,
    r.target ?? '—',
    r.met === undefined ? '—' : r.met ? 'yes' : 'NO',
    ms(r.serverCpuMs),
    ms(r.databaseCpuMs),
  ]);
  const widths = headings.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (values: string[]): string =>
    `| ${values.map((v, i) => (i === 0 || i === 6 || i === 7 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join(' | ')} |`;
  return [line(headings), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

export function perSecond(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1);
}

function ms(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '—';
  return value >= 100 ? value.toFixed(0) : value >= 1 ? value.toFixed(1) : value.toFixed(2);
}

/** CPU ms per operation of a metered measurement, for the last two columns. */
export function cpuPerOperation(m: { operations: number; cpu?: { serverSeconds: number; databaseSeconds: number } }, perOperation = 1) {
  if (!m.cpu || m.operations === 0) return {};
  const ops = m.operations * perOperation;
  return {
    serverCpuMs: m.cpu.serverSeconds > 0 ? (m.cpu.serverSeconds * 1000) / ops : undefined,
    databaseCpuMs: (m.cpu.databaseSeconds * 1000) / ops,
  };
}
