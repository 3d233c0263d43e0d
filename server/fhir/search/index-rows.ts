/**
 * The search-index rows one resource version yields, one list per search-parameter type. They mirror the
 * `sp_*` tables of `server/store/migrations`: extraction (pure) produces them, the store writes them.
 * Dates are ISO instants; numbers are decimal strings so no precision is lost on the way to `numeric`.
 */
export interface StringRow {
  param: string;
  /** lower case, accents removed: what default and :contains search compare against */
  value: string;
  /** as written, for :exact */
  exact: string;
}
export interface TokenRow {
  param: string;
  system: string | null;
  code: string | null;
  /** normalised display text (Coding.display, CodeableConcept.text) for :text */
  text: string | null;
}
export interface DateRow {
  param: string;
  /** inclusive lower bound, or '-infinity' */
  low: string;
  /** exclusive upper bound, or 'infinity' */
  high: string;
}
export interface NumberRow {
  param: string;
  low: string;
  high: string;
  value: string;
}
export interface QuantityRow extends NumberRow {
  system: string | null;
  code: string | null;
}
export interface ReferenceRow {
  param: string;
  targetType: string | null;
  targetId: string | null;
  /** the reference as written when it is not a local `Type/id` (absolute URL, canonical) */
  targetUrl: string | null;
}
export interface UriRow {
  param: string;
  value: string;
}

export interface IndexRows {
  string: StringRow[];
  token: TokenRow[];
  date: DateRow[];
  number: NumberRow[];
  quantity: QuantityRow[];
  reference: ReferenceRow[];
  uri: UriRow[];
}

export function emptyIndexRows(): IndexRows {
  return { string: [], token: [], date: [], number: [], quantity: [], reference: [], uri: [] };
}
