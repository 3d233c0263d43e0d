/**
 * Small-cell suppression of a set of published counts linked by additive equations (a total is the sum of
 * its parts: an indicator and its strata, a stratum and the cells of a cross-tabulation).
 *
 * Primary suppression hides every count from 1 to threshold − 1 (a zero reveals nobody and is published).
 * Complementary suppression then hides more counts until no hidden count can be worked out exactly from
 * what is published: a hidden count is recoverable exactly when it is fixed by the equations once the
 * published counts are put in, i.e. when its unit vector lies in the row space of the equations restricted
 * to the hidden counts. That is tested by Gaussian elimination, so it catches recovery through any
 * combination of rows, columns and totals, not only a lone hidden cell in one row. Each round hides the
 * smallest published count of an equation that pins a recoverable one (smallest, to lose least).
 */
export interface Equation {
  total: string;
  parts: readonly string[];
}

export interface CountTable {
  values: ReadonlyMap<string, number>;
  equations: readonly Equation[];
}

/** The keys to suppress. Pure; the table is not changed. */
export function suppressCells(table: CountTable, threshold: number): Set<string> {
  const hidden = new Set([...table.values].filter(([, v]) => v > 0 && v < threshold).map(([k]) => k));
  if (hidden.size === 0) return hidden;
  const equations = table.equations.filter((e) => e.parts.length > 0 && table.values.has(e.total) && e.parts.every((p) => table.values.has(p)));
  for (;;) {
    const exposed = recoverable(equations, hidden);
    if (exposed.length === 0) return hidden;
    // The cheapest count to hide beside any recoverable one: a part before a total, small before large. (A
    // recoverable count whose own equations are all hidden is given away through a neighbour's, which a
    // later round reaches.)
    const next = complement(equations, hidden, exposed, table.values);
    if (next === undefined) return hidden; // nothing published is left in any equation that matters
    hidden.add(next);
  }
}

/** Hidden keys whose value the equations fix once the published values are known. */
export function recoverable(equations: readonly Equation[], hidden: ReadonlySet<string>): string[] {
  const vars = [...hidden];
  const index = new Map(vars.map((k, i) => [k, i]));
  const rows: number[][] = [];
  for (const e of equations) {
    const row = new Array<number>(vars.length).fill(0);
    let touches = false;
    const add = (key: string, c: number): void => {
      const i = index.get(key);
      if (i !== undefined) {
        row[i] += c;
        touches = true;
      }
    };
    add(e.total, 1);
    for (const p of e.parts) add(p, -1);
    if (touches) rows.push(row);
  }
  const pivots = reducedRowEchelon(rows, vars.length);
  // In reduced row echelon form, a variable is fixed exactly when its pivot row has no other entry.
  return pivots.filter(({ row, column }) => row.every((v, j) => j === column || Math.abs(v) < 1e-9)).map(({ column }) => vars[column]);
}

function reducedRowEchelon(rows: number[][], width: number): { row: number[]; column: number }[] {
  const m = rows.map((r) => [...r]);
  const pivots: { row: number[]; column: number }[] = [];
  let r = 0;
  for (let c = 0; c < width && r < m.length; c++) {
    let best = r;
    for (let i = r + 1; i < m.length; i++) if (Math.abs(m[i][c]) > Math.abs(m[best][c])) best = i;
    if (Math.abs(m[best][c]) < 1e-9) continue;
    [m[r], m[best]] = [m[best], m[r]];
    const p = m[r][c];
    for (let j = 0; j < width; j++) m[r][j] /= p;
    for (let i = 0; i < m.length; i++) {
      if (i === r || Math.abs(m[i][c]) < 1e-9) continue;
      const f = m[i][c];
      for (let j = 0; j < width; j++) m[i][j] -= f * m[r][j];
    }
    pivots.push({ row: m[r], column: c });
    r += 1;
  }
  return pivots;
}

/**
 * The published key to hide next for the recoverable `keys`: among the equations they appear in, the
 * smallest published count, preferring a part to a total (totals are the figures readers want) and a
 * positive count to a zero.
 */
function complement(equations: readonly Equation[], hidden: ReadonlySet<string>, keys: readonly string[], values: ReadonlyMap<string, number>): string | undefined {
  const exposed = new Set(keys);
  const candidates: { key: string; rank: number }[] = [];
  for (const e of equations) {
    if (!exposed.has(e.total) && !e.parts.some((p) => exposed.has(p))) continue;
    for (const p of e.parts) if (!hidden.has(p)) candidates.push({ key: p, rank: rankOf(values.get(p) ?? 0, false) });
    if (!hidden.has(e.total)) candidates.push({ key: e.total, rank: rankOf(values.get(e.total) ?? 0, true) });
  }
  candidates.sort((a, b) => a.rank - b.rank || a.key.localeCompare(b.key));
  return candidates[0]?.key;
}

function rankOf(value: number, isTotal: boolean): number {
  return (isTotal ? 2e12 : 0) + (value === 0 ? 1e12 : 0) + value;
}
