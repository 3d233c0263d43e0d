import type { ResourceRow } from '../../store/search-query.js';

/**
 * A searchset Bundle as JSON text. Stored JSON is spliced in as text: a page of resources is never parsed
 * and serialised again. No `entry` array when there are no entries (FHIR JSON has no empty arrays).
 */
export function searchsetBody(parts: { total?: number; links: { relation: string; url: string }[]; entries: string[] }): string {
  return (
    `{"resourceType":"Bundle","type":"searchset"` +
    (parts.total !== undefined ? `,"total":${parts.total}` : '') +
    `,"link":[${parts.links.map((l) => `{"relation":"${l.relation}","url":${JSON.stringify(l.url)}}`).join(',')}]` +
    (parts.entries.length > 0 ? `,"entry":[${parts.entries.join(',')}]` : '') +
    `}`
  );
}

/** One entry of a searchset, its resource given as JSON text (the stored content, or a subset of it). */
export function searchEntry(baseUrl: string, row: ResourceRow, mode: 'match' | 'include', content = row.content): string {
  const fullUrl = JSON.stringify(`${baseUrl}/${row.resourceType}/${row.id}`);
  return `{"fullUrl":${fullUrl},"resource":${content},"search":{"mode":"${mode}"}}`;
}
