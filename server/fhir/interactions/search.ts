import type { Resource } from '@medplum/fhirtypes';
import type { Repository } from '../../store/repository.js';
import type { ResourceRow } from '../../store/search-query.js';
import { encodeCursor, parseSearch } from '../search/parse.js';
import type { Cursor, SearchRequest } from '../search/request.js';
import { subsetResource } from '../subset.js';
import type { FhirRequest, FhirResponse } from '../types.js';
import { searchEntry, searchsetBody } from './searchset.js';

/** Type-level search, GET or POST `_search` (the form body's parameters join the query's). */
export async function search(repo: Repository, req: FhirRequest, type: string, params: [string, string][]): Promise<FhirResponse> {
  const request = parseSearch(type, params, { lenient: req.prefer.handling === 'lenient' });
  const page = await repo.search(request, new URLSearchParams(params).toString());

  const link = (relation: string, cursor?: Cursor) => {
    const kept = params.filter(([k]) => k !== '_cursor');
    if (cursor) kept.push(['_cursor', encodeCursor(cursor)]);
    const query = new URLSearchParams(kept).toString();
    return { relation, url: `${req.baseUrl}/${type}${query ? `?${query}` : ''}` };
  };
  const links = [link('self', request.cursor)];
  if (page.next) links.push(link('next', page.next));
  if (page.previous) links.push(link('previous', page.previous));

  const entries = [
    ...page.matches.map((row) => entry(req.baseUrl, row, 'match', request)),
    ...page.includes.map((row) => entry(req.baseUrl, row, 'include', request)),
  ];
  return { status: 200, body: searchsetBody({ total: page.total, links, entries }) };
}

function entry(baseUrl: string, row: ResourceRow, mode: 'match' | 'include', request: SearchRequest): string {
  const content =
    request.summary || request.elements
      ? JSON.stringify(subsetResource(JSON.parse(row.content) as Resource, request))
      : row.content;
  return searchEntry(baseUrl, row, mode, content);
}
