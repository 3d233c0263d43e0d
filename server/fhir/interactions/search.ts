import type { Resource } from '@medplum/fhirtypes';
import type { Repository } from '../../store/repository.js';
import type { ResourceRow } from '../../store/search-query.js';
import { encodeCursor, parseSearch } from '../search/parse.js';
import type { Cursor, SearchRequest } from '../search/request.js';
import { subsetResource } from '../subset.js';
import type { FhirRequest, FhirResponse } from '../types.js';

/** Type-level search, GET or POST `_search` (the form body's parameters join the query's). */
export async function search(repo: Repository, req: FhirRequest, type: string, params: [string, string][]): Promise<FhirResponse> {
  const request = parseSearch(type, params, { lenient: req.prefer.handling === 'lenient' });
  const page = await repo.search(request, new URLSearchParams(params).toString());

  const link = (relation: string, cursor?: Cursor): string => {
    const kept = params.filter(([k]) => k !== '_cursor');
    if (cursor) kept.push(['_cursor', encodeCursor(cursor)]);
    const query = new URLSearchParams(kept).toString();
    return `{"relation":"${relation}","url":${JSON.stringify(`${req.baseUrl}/${type}${query ? `?${query}` : ''}`)}}`;
  };
  const links = [link('self', request.cursor)];
  if (page.next) links.push(link('next', page.next));
  if (page.previous) links.push(link('previous', page.previous));

  const entries = [
    ...page.matches.map((row) => entry(req.baseUrl, row, 'match', request)),
    ...page.includes.map((row) => entry(req.baseUrl, row, 'include', request)),
  ];
  // Stored JSON is spliced in as text: a page of resources is never parsed and serialised again.
  const body =
    `{"resourceType":"Bundle","type":"searchset"` +
    (page.total !== undefined ? `,"total":${page.total}` : '') +
    `,"link":[${links.join(',')}]` +
    (entries.length > 0 ? `,"entry":[${entries.join(',')}]` : '') +
    `}`;
  return { status: 200, body };
}

function entry(baseUrl: string, row: ResourceRow, mode: 'match' | 'include', request: SearchRequest): string {
  const content =
    request.summary || request.elements
      ? JSON.stringify(subsetResource(JSON.parse(row.content) as Resource, request))
      : row.content;
  const fullUrl = JSON.stringify(`${baseUrl}/${row.resourceType}/${row.id}`);
  return `{"fullUrl":${fullUrl},"resource":${content},"search":{"mode":"${mode}"}}`;
}
