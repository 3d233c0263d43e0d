import type { Range } from './ranges.js';

/** A search, parsed and checked: what the store compiles into one parameterised SQL query. */
export interface SearchRequest {
  resourceType: string;
  /** all must hold (AND); each filter's values are alternatives (OR) */
  filters: SearchFilter[];
  sort: SortRule[];
  count: number;
  total: 'none' | 'accurate';
  summary?: 'count' | 'true' | 'text' | 'data' | 'false';
  elements?: string[];
  include: IncludeRule[];
  revinclude: IncludeRule[];
  /** where the page starts: the sort keys of the row before it (or after it, going back) */
  cursor?: Cursor;
}

export type Prefix = 'eq' | 'ne' | 'gt' | 'lt' | 'ge' | 'le' | 'sa' | 'eb' | 'ap';

export interface DateValue extends Range {
  prefix: Prefix;
}
export interface NumberValue extends Range {
  prefix: Prefix;
  value: string;
  /** quantity only: undefined = any system / unit */
  system?: string;
  code?: string;
}
export interface TokenValue {
  /** undefined: any system; null: no system (`|code`) */
  system?: string | null;
  /** undefined: any code (`system|`) */
  code?: string;
}
export interface ReferenceValue {
  targetType?: string;
  id?: string;
  /** an absolute or canonical reference, compared as written */
  url?: string;
}

export type StringModifier = 'exact' | 'contains';
export type TokenModifier = 'not' | 'text';
export type UriModifier = 'below' | 'above';

/** A condition on one search parameter, by its type. `missing` replaces the values when `:missing` is used. */
export type ParamCondition =
  | { type: 'string'; modifier?: StringModifier; values: string[] }
  | { type: 'token'; modifier?: TokenModifier; values: TokenValue[] }
  | { type: 'date'; values: DateValue[] }
  | { type: 'number'; values: NumberValue[] }
  | { type: 'quantity'; values: NumberValue[] }
  | { type: 'reference'; values: ReferenceValue[] }
  | { type: 'uri'; modifier?: UriModifier; values: string[] };

export type SearchFilter =
  /** a search parameter of the type, evaluated on the index tables */
  | { kind: 'param'; code: string; condition: ParamCondition }
  | { kind: 'missing'; code: string; indexType: IndexType; missing: boolean }
  /** `subject:Patient.name=x`: resources whose `code` reference points at a `targetType` matching `filter` */
  | { kind: 'chain'; code: string; targetType: string; filter: SearchFilter }
  | { kind: 'id'; values: string[] }
  | { kind: 'lastUpdated'; values: DateValue[] };

export type IndexType = 'string' | 'token' | 'date' | 'number' | 'quantity' | 'reference' | 'uri';

export interface SortRule {
  /** a search parameter code, or `_id` / `_lastUpdated` */
  code: string;
  indexType: IndexType | 'id' | 'lastUpdated';
  descending: boolean;
}

export interface IncludeRule {
  /** the type whose reference parameter is followed (source of the reference) */
  sourceType: string;
  /** the reference search parameter, or '*' for all of them */
  param: string;
  targetType?: string;
  iterate: boolean;
}

export interface Cursor {
  direction: 'next' | 'previous';
  /** the sort-key values of the boundary row, in `sort` order, then its id */
  keys: (string | null)[];
  id: string;
}
