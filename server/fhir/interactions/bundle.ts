import { randomUUID } from 'node:crypto';
import type { Bundle, BundleEntry, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { pauseEvery } from '../../event-loop.js';
import { ItemFailure, type Repository, type WriteResult } from '../../store/repository.js';
import { isDatabaseUnavailable } from '../../store/database-availability.js';
import { badRequest, FhirError, payloadTooLarge, serviceUnavailable, toFhirError } from '../outcomes.js';
import { parseSearch } from '../search/parse.js';
import { writeCollisionRefusal } from '../write-collision.js';
import type { FhirRequest, FhirResponse } from '../types.js';
import { requireResourceBody } from './body.js';
import { conditionKey, findExisting } from './conditional-create.js';
import { versionHeaders } from './respond.js';

export type Dispatch = (repo: Repository, req: FhirRequest) => Promise<FhirResponse>;

interface Entry {
  index: number;
  method: FhirRequest['method'];
  url: string;
  entry: BundleEntry;
}

/**
 * POST to the base: a batch (entries independent) or a transaction (all or nothing), of at most `maxEntries`
 * entries; a larger one is refused before any entry is looked at.
 */
export async function processBundle(
  repo: Repository,
  req: FhirRequest,
  dispatch: Dispatch,
  maxEntries: number,
): Promise<FhirResponse> {
  const bundle = requireResourceBody(req.body, 'Bundle') as Bundle;
  if (bundle.type !== 'batch' && bundle.type !== 'transaction') {
    // JSON.stringify: the type may be any JSON value, even an object whose valueOf is not a function
    throw badRequest(`Only batch and transaction Bundles can be posted to the base, not ${JSON.stringify(bundle.type) ?? 'none'}`, 'Bundle.type');
  }
  const list = entryList(bundle.entry);
  if (list.length > maxEntries) {
    throw payloadTooLarge(
      `A ${bundle.type} may have at most ${maxEntries} entries (MAX_BUNDLE_ENTRIES); this one has ${list.length}. Send it in parts`,
      'Bundle.entry',
    );
  }
  const entries = list.map((entry, index) => checkEntry(entry, index));
  const responses =
    bundle.type === 'transaction'
      ? await repo.transaction((tx) => runTransaction(tx, req, entries, dispatch))
      : await runBatch(repo, req, entries, dispatch);
  const body: Bundle = { resourceType: 'Bundle', type: `${bundle.type}-response`, entry: responses };
  return { status: 200, body };
}

const methods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** `Bundle.entry` as a list of objects; anything else is the client's mistake, named where it is. */
function entryList(entry: unknown): BundleEntry[] {
  if (entry === undefined) return [];
  if (!Array.isArray(entry)) throw badRequest('Bundle.entry must be a list of entries', 'Bundle.entry');
  const bad = entry.findIndex((e) => typeof e !== 'object' || e === null || Array.isArray(e));
  if (bad >= 0) throw badRequest('Each entry of a Bundle is an object', `Bundle.entry[${bad}]`);
  return entry as BundleEntry[];
}

function checkEntry(entry: BundleEntry, index: number): Entry {
  const where = `Bundle.entry[${index}].request`;
  const method = entry.request?.method;
  const url = entry.request?.url;
  if (!method || !methods.has(method)) throw badRequest(`Each entry needs request.method`, `${where}.method`);
  if (!url) throw badRequest(`Each entry needs request.url`, `${where}.url`);
  if ((method === 'POST' || method === 'PUT') && !entry.resource) {
    throw badRequest(`A ${method} entry needs a resource`, `Bundle.entry[${index}].resource`);
  }
  return { index, method: method as FhirRequest['method'], url, entry };
}

/** Order the specification gives for processing a transaction. */
const processingOrder: Record<string, number> = { DELETE: 0, POST: 1, PUT: 2, PATCH: 2, GET: 3, HEAD: 3 };

async function runTransaction(repo: Repository, req: FhirRequest, entries: Entry[], dispatch: Dispatch): Promise<BundleEntry[]> {
  const responses: BundleEntry[] = new Array(entries.length);
  const ids = new Map<string, string>(); // fullUrl → Type/id
  const touched = new Set<string>();

  // 1. Two entries that change one resource make the transaction fail (http.html#trules).
  for (const e of entries) {
    if (e.method !== 'GET' && e.method !== 'HEAD' && e.method !== 'POST') {
      const key = entryTarget(req, e);
      if (touched.has(key)) {
        throw badRequest(`Two entries of one transaction change ${key}`, `Bundle.entry[${e.index}].request.url`);
      }
      touched.add(key);
    }
  }

  // 2. The conditions of conditional creates, and the resources changed by id, are locked until commit, all
  // at once and before any row is: of concurrent transactions with the same criteria one creates, the others
  // find its resource (step 4); and two transactions that change the same resources, or list the same
  // conditions, in another order wait for each other instead of deadlocking over the rows.
  const posts = entries
    .filter((e) => e.method === 'POST')
    .map((e) => ({ e, resource: requireEntryResource(e, e.url.split('?')[0]) }));
  const changedById = [...touched].filter((target) => /^[A-Za-z]+\/[^/]+$/.test(target)).map((target) => `resource ${target}`);
  await repo.serialiseOn([...posts.flatMap(({ e, resource }) => conditionKeyOf(e, resource)), ...changedById]);

  // 3. Deletes run first (http.html#trules), before the conditional creates and conditional references below
  // are looked up, so those see the deletions: a resource deleted and re-created in one go is not "found".
  for (const e of entries) {
    if (e.method !== 'DELETE') continue;
    responses[e.index] = toEntry(await dispatch(repo, subRequest(req, e)).catch((err) => rethrowAt(err, e)));
  }

  // 4. Give every new resource its id up front, so references between entries can be rewritten.
  const creates: { entry: Entry; resource: Resource; id: string }[] = [];
  for (const { e, resource } of posts) {
    const existing = e.entry.request?.ifNoneExist
      ? await findExisting(repo, resource.resourceType, e.entry.request.ifNoneExist).catch((err) => rethrowAt(err, e))
      : undefined;
    if (existing) {
      remember(ids, e.entry.fullUrl, `${resource.resourceType}/${existing.resource.id}`);
      responses[e.index] = { response: { status: '200 OK', ...entryHeaders(existing.resource) } };
      continue;
    }
    const id = randomUUID();
    remember(ids, e.entry.fullUrl, `${resource.resourceType}/${id}`);
    creates.push({ entry: e, resource, id });
  }
  for (const e of entries) {
    if (e.method === 'PUT' && e.entry.resource?.id) {
      remember(ids, e.entry.fullUrl, `${e.entry.resource.resourceType}/${e.entry.resource.id}`);
    }
  }

  // 5. Rewrite urn:uuid and conditional references to the ids they stand for.
  const resolve = async (reference: string, e: Entry): Promise<string> => {
    const known = ids.get(reference);
    if (known) return known;
    if (/^[A-Z][A-Za-z]+\?/.test(reference)) return resolveConditionalReference(repo, reference, e);
    if (reference.startsWith('urn:uuid:') || reference.startsWith('urn:oid:')) {
      throw badRequest(`Reference ${reference} matches no entry's fullUrl`, `Bundle.entry[${e.index}].resource`);
    }
    return reference;
  };
  const pause = pauseEvery(); // thousands of entries must not hold up other requests
  for (const e of entries) {
    await pause();
    if (e.entry.resource) e.entry.resource = await rewriteReferences(e.entry.resource, (ref) => resolve(ref, e));
  }
  for (const c of creates) c.resource = entries[c.entry.index].entry.resource as Resource;

  // 6. All creates in one write, then updates and patches, then reads.
  const ordered = [...entries].sort((a, b) => processingOrder[a.method] - processingOrder[b.method] || a.index - b.index);
  let createsDone = false;
  for (const e of ordered) {
    await pause();
    if (e.method === 'DELETE') continue; // done in step 3
    if (e.method === 'POST') {
      if (!createsDone) {
        createsDone = true;
        const written = await repo
          .createMany(creates.map((c) => c.resource), creates.map((c) => c.id))
          .catch((err) =>
            err instanceof ItemFailure ? rethrowAt(err.cause, creates[err.index].entry) : rethrowAt(err, creates[0].entry),
          );
        written.forEach((w, i) => (responses[creates[i].entry.index] = createdEntry(w, req.baseUrl)));
      }
      continue;
    }
    const response = await dispatch(repo, subRequest(req, e)).catch((err) => rethrowAt(err, e));
    responses[e.index] = toEntry(response);
  }
  return responses;
}

/**
 * Each entry on its own: in a transaction of its own, so that one failure takes nothing else with it.
 * Consecutive reads share one transaction, each in a savepoint, so their AuditEvents commit together before
 * the response leaves: a commit per read (a flush to disk each) was half of what a read in a batch cost.
 */
async function runBatch(repo: Repository, req: FhirRequest, entries: Entry[], dispatch: Dispatch): Promise<BundleEntry[]> {
  const pause = pauseEvery(); // with the embedded database, a query may answer without the event loop turning
  const runEntry = async (on: Repository, e: Entry): Promise<BundleEntry> => {
    await pause();
    return on.transaction((tx) => dispatch(tx, subRequest(req, e)), { isolated: true }).then(toEntry, (err: unknown) => {
      // Entries are independent: one the database could not take is told to come again, like a request.
      const failure = isDatabaseUnavailable(err)
        ? serviceUnavailable('The database is unavailable for a moment; send this entry again shortly', 5)
        : (writeCollisionRefusal(err, 'this entry') ?? toFhirError(err));
      return { response: { status: String(failure.status), outcome: failure.outcome } };
    });
  };
  const responses: BundleEntry[] = [];
  for (let start = 0; start < entries.length; ) {
    let end = start + 1;
    if (isRead(entries[start])) {
      while (end < entries.length && isRead(entries[end])) end++;
      const reads = entries.slice(start, end);
      responses.push(...(await repo.transaction(async (tx) => {
        const answered: BundleEntry[] = [];
        for (const e of reads) answered.push(await runEntry(tx, e));
        return answered;
      })));
    } else {
      responses.push(await runEntry(repo, entries[start]));
    }
    start = end;
  }
  return responses;
}

function isRead(e: Entry): boolean {
  return e.method === 'GET' || e.method === 'HEAD';
}

/** The entry's URL relative to the base: `Patient/1`, `/Patient/1` and `[base]/Patient/1` are one target. */
function relativeUrl(req: FhirRequest, e: Entry): string {
  return e.url.replace(/^\//, '').replace(`${req.baseUrl}/`, '');
}

function entryTarget(req: FhirRequest, e: Entry): string {
  return relativeUrl(req, e).split('?')[0];
}

function subRequest(req: FhirRequest, e: Entry): FhirRequest {
  const [path, query = ''] = relativeUrl(req, e).split('?');
  return {
    method: e.method,
    path: path.split('/').filter(Boolean).map(decodeURIComponent),
    query: [...new URLSearchParams(query)] as [string, string][],
    body: e.method === 'PATCH' ? patchBody(e) : e.entry.resource,
    contentType: e.method === 'PATCH' ? 'application/json-patch+json' : 'application/fhir+json',
    ifMatch: e.entry.request?.ifMatch,
    ifNoneExist: e.entry.request?.ifNoneExist,
    prefer: req.prefer,
    baseUrl: req.baseUrl,
  };
}

/** In a Bundle, a JSON Patch travels as a Binary whose data is the base64 patch document. */
function patchBody(e: Entry): unknown {
  const r = e.entry.resource as { resourceType?: string; data?: string } | undefined;
  if (r?.resourceType === 'Binary' && r.data) {
    try {
      return JSON.parse(Buffer.from(r.data, 'base64').toString('utf8'));
    } catch {
      throw badRequest('The PATCH entry Binary does not hold a JSON Patch document', `Bundle.entry[${e.index}].resource`);
    }
  }
  throw badRequest('A PATCH entry carries its JSON Patch as a Binary resource', `Bundle.entry[${e.index}].resource`);
}

/** The lock key of a conditional create entry's criteria; none for a plain create. */
function conditionKeyOf(e: Entry, resource: Resource): string[] {
  const criteria = e.entry.request?.ifNoneExist;
  if (!criteria) return [];
  try {
    return [conditionKey(resource.resourceType, criteria)];
  } catch (err) {
    return rethrowAt(err, e);
  }
}

function requireEntryResource(e: Entry, type: string): Resource {
  try {
    return requireResourceBody(e.entry.resource, type);
  } catch (err) {
    return rethrowAt(err, e);
  }
}

async function resolveConditionalReference(repo: Repository, reference: string, e: Entry): Promise<string> {
  const [type, query] = reference.split('?');
  const params = [...new URLSearchParams(query)] as [string, string][];
  const page = await repo.search({ ...parseSearch(type, params), count: 2, include: [], revinclude: [] });
  if (page.matches.length !== 1) {
    throw new FhirError(
      412,
      outcomeAt(`Conditional reference ${reference} matches ${page.matches.length} resources, not exactly one`, e),
    );
  }
  return `${type}/${page.matches[0].id}`;
}

/** Every `reference` in the resource, passed through `resolve`. */
async function rewriteReferences(resource: Resource, resolve: (ref: string) => Promise<string>): Promise<Resource> {
  const walk = async (value: unknown): Promise<unknown> => {
    if (Array.isArray(value)) return Promise.all(value.map(walk));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        out[k] = k === 'reference' && typeof v === 'string' ? await resolve(v) : await walk(v);
      }
      return out;
    }
    return value;
  };
  return (await walk(resource)) as Resource;
}

function remember(ids: Map<string, string>, fullUrl: string | undefined, target: string): void {
  if (fullUrl) ids.set(fullUrl, target);
}

function entryHeaders(resource: Resource): { etag?: string; lastModified?: string; location?: string } {
  const h = versionHeaders(resource);
  return {
    etag: h['ETag'],
    lastModified: resource.meta?.lastUpdated,
    location: `${resource.resourceType}/${resource.id}/_history/${resource.meta?.versionId}`,
  };
}

function createdEntry(w: WriteResult, baseUrl: string): BundleEntry {
  return {
    fullUrl: `${baseUrl}/${w.resource.resourceType}/${w.resource.id}`,
    resource: w.resource,
    response: { status: '201 Created', ...entryHeaders(w.resource) },
  };
}

function toEntry(response: FhirResponse): BundleEntry {
  const resource =
    typeof response.body === 'string' ? (JSON.parse(response.body) as Resource) : (response.body as Resource | undefined);
  const headers = response.headers ?? {};
  const isOutcome = resource?.resourceType === 'OperationOutcome';
  return {
    ...(resource && !isOutcome ? { resource } : {}),
    response: {
      status: String(response.status),
      ...(headers['Location'] ? { location: headers['Location'] } : {}),
      ...(headers['ETag'] ? { etag: headers['ETag'] } : {}),
      ...(resource?.meta?.lastUpdated && !isOutcome ? { lastModified: resource.meta.lastUpdated } : {}),
      ...(isOutcome ? { outcome: resource as OperationOutcome } : {}),
    },
  };
}

function outcomeAt(message: string, e: Entry): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code: 'processing', diagnostics: message, expression: [`Bundle.entry[${e.index}]`] }],
  };
}

/** Re-throws a failure of one entry with its issues pointing into the Bundle (`Bundle.entry[3].resource.gender`). */
function rethrowAt(err: unknown, e: Entry): never {
  // Anything but a refusal (a database gone, a fault) goes up as it is, so that the endpoint answers it
  // as it would a single request (503 for an unavailable database), not as a 500 of this entry.
  if (!(err instanceof FhirError)) throw err;
  const failure = err;
  const issues = (failure.outcome.issue ?? []).map((i) => ({
    ...i,
    diagnostics: `Entry ${e.index}: ${i.diagnostics ?? ''}`.trim(),
    expression: (i.expression ?? ['']).map((x) =>
      /^[A-Z][A-Za-z]+(\.|$)/.test(x)
        ? x.replace(/^[A-Z][A-Za-z]+/, `Bundle.entry[${e.index}].resource`)
        : `Bundle.entry[${e.index}]${x ? `.request.${x}` : ''}`,
    ),
  }));
  throw new FhirError(failure.status, { resourceType: 'OperationOutcome', issue: issues }, failure.headers);
}
