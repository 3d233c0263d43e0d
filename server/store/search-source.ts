import type { SearchRequest, SortRule } from '../fhir/search/request.js';
import type { ScopeRule } from './search-filters.js';
import type { SqlParams } from './sql.js';

export interface SortKey {
  expr: string;
  cast: 'text' | 'timestamptz' | 'numeric';
  descending: boolean;
  /**
   * A column every row has (id, lastUpdated, an audit event's time): no "is null" is ordered before it,
   * so that an index on it gives the order and a page stops at its last row instead of sorting every match.
   */
  column?: true;
}

/**
 * Where the rows of a searched type live, read under the alias `r`: resources in `resource` with their
 * search index, the audit trail in `audit_event` with its own columns (audit-search.ts).
 */
export interface SearchSource {
  /** table and alias, e.g. `resource r` */
  from: string;
  /** the columns of a result row: resource_type, id, content, patient_ids */
  columns: string;
  /** the filters, the caller's access rule and the type, as one boolean expression */
  where(request: SearchRequest, params: SqlParams, scope: ScopeRule): string;
  sortKey(rule: SortRule, params: SqlParams): SortKey;
  /** a subquery of ids to drive the page from (see fetchPage), or undefined */
  driver(request: SearchRequest, params: SqlParams): string | undefined;
}
