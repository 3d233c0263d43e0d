/**
 * An indicator as reports publish it, after IHE mADX: a count (a MeasureReport group's population), its
 * disaggregations (stratifiers, each stratum a count; a cross-tabulation is a stratifier of several
 * components, its stratum value joined with `|`), and for rates, means and medians a score.
 * A count of null is suppressed (too small to publish, or enough to recover one that is).
 */
export interface Indicator {
  code: string;
  display: string;
  count: number | null;
  stratifiers: Stratifier[];
  /** a rate, mean or median: null when withheld because the count it rests on is too small */
  score?: { value: number | null; unit: string };
  /** the indicator whose count is this score's denominator (rates) or base (means, medians) */
  scoreBase?: string;
  /** another indicator of the same report that always has this count (suppression must hide both or neither) */
  sameCountAs?: string;
}

export interface Stratifier {
  code: string;
  /** the disaggregations crossed, for a cross-tabulation (mADX components) */
  components?: string[];
  strata: Stratum[];
}

export interface Stratum {
  value: string;
  count: number | null;
}

/** Separates the component values of a cross-tabulated stratum. */
export const COMPONENT_SEPARATOR = '|';

/** A stratifier that puts each counted item in exactly one stratum, strata sorted by value. */
export function stratify<T>(code: string, items: readonly T[], valueOf: (item: T) => string, components?: string[]): Stratifier {
  const counts = new Map<string, number>();
  for (const item of items) {
    const value = valueOf(item);
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return stratifierOf(code, counts, components);
}

/** The stratifier of counts already made, value by value: strata sorted by value. */
export function stratifierOf(code: string, counts: ReadonlyMap<string, number>, components?: string[]): Stratifier {
  const strata = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([value, count]) => ({ value, count }));
  return components === undefined ? { code, strata } : { code, components, strata };
}

export function countIndicator(code: string, display: string, count: number, stratifiers: Stratifier[] = []): Indicator {
  return { code, display, count, stratifiers };
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function mean(values: readonly number[]): number | undefined {
  return values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Rounded for publication: two decimals are enough for a share or a mean of scores or days. */
export function rounded(value: number): number {
  return Math.round(value * 100) / 100;
}

export const DAY_MS = 86_400_000;

export function daysBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / DAY_MS;
}

export function inPeriod(date: string | undefined, period: { start: string; end: string }): boolean {
  return within(period)(date);
}

/** `inPeriod` for many dates against one period: the bounds are read once. */
export function within(period: { start: string; end: string }): (date: string | undefined) => boolean {
  const [start, end] = [Date.parse(period.start), Date.parse(period.end)];
  // The store's instants are ISO text in UTC to the millisecond, which compares as text in time order:
  // a year of services is hundreds of thousands of dates, and parsing each is most of the work.
  const asText = Number.isNaN(start) || Number.isNaN(end) ? undefined : [new Date(start).toISOString(), new Date(end).toISOString()];
  return (date) => {
    if (date === undefined) return false;
    if (asText && date.length === 24 && date[10] === 'T' && date[23] === 'Z') return date >= asText[0] && date < asText[1];
    const t = Date.parse(date);
    return t >= start && t < end;
  };
}
