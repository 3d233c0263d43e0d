/**
 * Whether an answer shows anything of the other organisation: a resource (in the body, a Bundle entry, or
 * contained) whose `Type/id` is one of theirs or whose content carries their marker word. What a client
 * sent may come back in an OperationOutcome or a Bundle's self link, so those are not resources shown;
 * a body that is not JSON is searched as text for what the request did not itself contain.
 */
export function foreignDataIn(body: Buffer, requestText: string, foreignRefs: ReadonlySet<string>, marker: string): string[] {
  const text = body.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    const ids = [...foreignRefs].map((ref) => ref.split('/')[1]);
    return [marker, ...ids].filter((needle) => text.includes(needle) && !requestText.includes(needle));
  }
  const found: string[] = [];
  // A resource the caller wrote with the marker in it carries it back honestly.
  const markerSent = requestText.toLowerCase().includes(marker.toLowerCase());
  for (const resource of resourcesIn(parsed)) {
    const ref = `${resource.resourceType}/${resource.id}`;
    if (foreignRefs.has(ref)) found.push(ref);
    else if (!markerSent && JSON.stringify(resource).toLowerCase().includes(marker.toLowerCase())) found.push(`${ref} (carries the marker)`);
  }
  return found;
}

interface ResourceLike {
  resourceType: string;
  id?: string;
  [key: string]: unknown;
}

function isResource(value: unknown): value is ResourceLike {
  return typeof value === 'object' && value !== null && typeof (value as ResourceLike).resourceType === 'string';
}

/** Every resource an answer shows, Bundles opened (entries' resources, not their outcomes), OperationOutcomes left out. */
function resourcesIn(value: unknown): ResourceLike[] {
  if (!isResource(value) || value.resourceType === 'OperationOutcome') return [];
  if (value.resourceType !== 'Bundle') return [value];
  const entries = Array.isArray(value.entry) ? (value.entry as { resource?: unknown }[]) : [];
  return entries.flatMap((e) => resourcesIn(e?.resource));
}
