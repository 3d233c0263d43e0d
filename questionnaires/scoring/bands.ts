import type { BandTableRef, ScoreBand, ScoreOutcome } from './types.js';

export interface BandName {
  code: string;
  display: string;
}

export interface BandRange extends BandName {
  min: number;
  max: number;
}

/** The bands one norm table gives one score. */
export interface BandTable {
  ref: BandTableRef;
  ranges: readonly BandRange[];
}

/**
 * Reads a band row written as in the reference tables, e.g. "0–13 / 14–16 / 17–40" or, for a score
 * where high is good, "6–10 / 5 / 0–4", pairing each range with a band name in order. Writing the
 * tables in the reference's own notation keeps them checkable against it line by line.
 * Throws when the ranges leave a gap or overlap, so a typo fails at start-up, not in a patient's record.
 */
export function bandRanges(row: string, names: readonly BandName[]): BandRange[] {
  const cells = row.split('/').map((cell) => cell.trim());
  if (cells.length !== names.length) throw new Error(`band row "${row}" has ${cells.length} ranges for ${names.length} bands`);
  const ranges = cells.map((cell, index) => ({ ...names[index], ...parseRange(cell, row) }));
  const ascending = [...ranges].sort((a, b) => a.min - b.min);
  ascending.forEach((range, index) => {
    const previous = ascending[index - 1];
    if (previous !== undefined && range.min !== previous.max + 1) throw new Error(`band row "${row}" is not contiguous`);
  });
  if (ascending[0]?.min !== 0) throw new Error(`band row "${row}" does not start at 0`);
  return ranges;
}

function parseRange(cell: string, row: string): { min: number; max: number } {
  const match = /^(\d+)(?:\s*[–-]\s*(\d+))?$/.exec(cell);
  if (match === null) throw new Error(`cannot read band range "${cell}" in "${row}"`);
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : Number(match[2]);
  if (max < min) throw new Error(`band range "${cell}" runs backwards`);
  return { min, max };
}

export function findBand(table: BandTable, value: number): ScoreBand | undefined {
  const range = table.ranges.find((candidate) => value >= candidate.min && value <= candidate.max);
  return range === undefined ? undefined : { code: range.code, display: range.display, table: table.ref };
}

/** The band of a computed score in each table; none for a missing score (never a band for a guess). */
export function bandsOf(outcome: ScoreOutcome, tables: readonly BandTable[]): ScoreBand[] {
  if (outcome.status === 'missing') return [];
  return tables.flatMap((table) => findBand(table, outcome.value) ?? []);
}
