import type { Repository } from '../../store/repository.js';
import type { HistoryRow } from '../../store/resource-reads.js';
import { badRequest } from '../outcomes.js';
import { DEFAULT_COUNT, MAX_COUNT } from '../search/parse.js';
import { dateRange } from '../search/ranges.js';
import type { FhirRequest, FhirResponse } from '../types.js';

/** History of one resource, one type, or the whole server: newest first, paged by a cursor. */
export async function history(
  repo: Repository,
  req: FhirRequest,
  target: { resourceType?: string; id?: string },
): Promise<FhirResponse> {
  let count = DEFAULT_COUNT;
  let since: string | undefined;
  let at: { low: string; high: string } | undefined;
  let after: HistoryCursor | undefined;
  for (const [name, value] of req.query) {
    if (name === '_count') {
      if (!/^\d+$/.test(value)) throw badRequest('_count must be a whole number', '_count');
      count = Math.min(Number(value), MAX_COUNT);
    } else if (name === '_since' || name === '_at') {
      const range = dateRange(value);
      if (!range) throw badRequest(`${name} must be a date or dateTime`, name);
      if (name === '_since') since = range.low;
      else at = range;
    } else if (name === '_cursor') {
      after = decodeHistoryCursor(value);
    } else if (name !== '_format' && name !== '_pretty') {
      if (req.prefer.handling !== 'lenient') throw badRequest(`Unknown history parameter '${name}'`, name);
    }
  }
  const rows = await repo.history({ ...target, since, at, count, after });
  const page = rows.slice(0, count);
  const base = `${req.baseUrl}${target.resourceType ? `/${target.resourceType}` : ''}${target.id ? `/${target.id}` : ''}/_history`;
  const link = (relation: string, cursor?: HistoryCursor): string => {
    const params = req.query.filter(([k]) => k !== '_cursor');
    if (cursor) params.push(['_cursor', Buffer.from(JSON.stringify(cursor)).toString('base64url')]);
    const q = new URLSearchParams(params).toString();
    return `{"relation":"${relation}","url":${JSON.stringify(base + (q ? `?${q}` : ''))}}`;
  };
  const links = [link('self', after)];
  if (rows.length > count && page.length > 0) {
    const last = page[page.length - 1];
    links.push(link('next', { lastUpdated: last.lastUpdated, resourceType: last.resourceType, id: last.id, versionId: last.versionId }));
  }
  const entries = page.map((row) => historyEntry(req.baseUrl, row));
  const body =
    `{"resourceType":"Bundle","type":"history","link":[${links.join(',')}]` +
    (entries.length > 0 ? `,"entry":[${entries.join(',')}]` : '') +
    `}`;
  return { status: 200, body };
}

interface HistoryCursor {
  lastUpdated: string;
  resourceType: string;
  id: string;
  versionId: number;
}

function decodeHistoryCursor(value: string): HistoryCursor {
  try {
    const c = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<HistoryCursor>;
    if (
      typeof c.lastUpdated === 'string' &&
      typeof c.resourceType === 'string' &&
      typeof c.id === 'string' &&
      typeof c.versionId === 'number' &&
      dateRange(c.lastUpdated)
    ) {
      return c as HistoryCursor;
    }
  } catch {
    // not ours
  }
  throw badRequest('_cursor is not a page link this server wrote', '_cursor');
}

function historyEntry(baseUrl: string, row: HistoryRow): string {
  const url = `${row.resourceType}/${row.id}`;
  // Versions the server wrote itself (no recorded request) are described from their number.
  const method = row.requestMethod ?? (row.deleted ? 'DELETE' : row.versionId === 1 ? 'POST' : 'PUT');
  const status = String(row.responseStatus ?? (row.deleted ? 204 : row.versionId === 1 ? 201 : 200));
  const request = JSON.stringify({ method, url: method === 'POST' ? row.resourceType : url });
  const response = JSON.stringify({
    status,
    etag: `W/"${row.versionId}"`,
    lastModified: row.lastUpdated,
  });
  return (
    `{"fullUrl":${JSON.stringify(`${baseUrl}/${url}`)}` +
    (row.content ? `,"resource":${row.content}` : '') +
    `,"request":${request},"response":${response}}`
  );
}
