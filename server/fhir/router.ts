import type { Repository } from '../store/repository.js';
import { buildCapabilityStatement, tokenEndpointFor, type CapabilityOptions } from './capability.js';
import { isResourceType } from './definitions.js';
import { processBundle } from './interactions/bundle.js';
import { create, patch, read, remove, update, vread } from './interactions/crud.js';
import { history } from './interactions/history.js';
import { search } from './interactions/search.js';
import type { Operation, OperationTarget } from './operations/operation.js';
import { badRequest, methodNotAllowed, notAcceptable, notSupported } from './outcomes.js';
import type { FhirRequest, FhirResponse } from './types.js';

export type FhirRouter = (repo: Repository, req: FhirRequest) => Promise<FhirResponse>;

/** What one request may ask of the server. */
export interface RouterLimits {
  /** most entries of one batch or transaction */
  maxBundleEntries: number;
}

/**
 * FHIR REST semantics without a web framework: a request in, a response out, over a repository.
 * Batches and transactions call back into the same router for each entry.
 */
export function createFhirRouter(operations: Operation[], options: RouterLimits & CapabilityOptions): FhirRouter {
  // One code may name several operations, one per level (the Bulk Data IG's three $export operations).
  const byCode = new Map<string, Operation[]>();
  for (const op of operations) byCode.set(op.definition.code, [...(byCode.get(op.definition.code) ?? []), op]);

  const route: FhirRouter = async (repo, req) => {
    const [a, b, c, d, ...rest] = req.path;
    const m = req.method === 'HEAD' ? 'GET' : req.method;
    // No type, id or operation name holds a control character; NUL, above all, PostgreSQL text cannot hold.
    if (req.path.some((segment) => controlCharacter.test(segment))) throw badRequest('The URL path contains a control character');
    if (rest.length > 0) throw notSupported(`Unknown path /${req.path.join('/')}`);
    if (req.csv === true) {
      const segment = [a, b, c].find((s) => s?.startsWith('$'));
      if (segment === undefined || !(byCode.get(segment.slice(1)) ?? []).some((op) => op.producesCsv === true)) {
        throw notAcceptable('CSV is served by table operations only ($evaluate-measure); ask for application/fhir+json');
      }
    }

    if (a === undefined) {
      if (m === 'POST') return processBundle(repo, req, route, options.maxBundleEntries);
      throw methodNotAllowed('Search across all types is not supported; search one resource type');
    }
    if (a === 'metadata' && b === undefined) {
      if (m !== 'GET') throw methodNotAllowed('metadata is read with GET');
      return { status: 200, body: buildCapabilityStatement(operations, { ...options, tokenEndpoint: tokenEndpointFor(req.baseUrl) }) };
    }
    if (a === '_history' && b === undefined) {
      if (m !== 'GET') throw methodNotAllowed('_history is read with GET');
      return history(repo, req, {});
    }
    if (a.startsWith('$')) return operation(repo, req, a, {});

    if (!isResourceType(a)) throw notSupported(`Unknown resource type '${a}'`);
    const type = a;
    if (b === undefined) {
      if (m === 'GET') return search(repo, req, type, req.query);
      if (m === 'POST') return create(repo, req, type);
      throw methodNotAllowed(`${m} is not allowed on /${type}`);
    }
    if (b === '_search' && c === undefined) {
      if (m !== 'POST') throw methodNotAllowed('_search is used with POST');
      return search(repo, req, type, [...req.query, ...formParams(req.body)]);
    }
    if (b === '_history' && c === undefined) {
      if (m !== 'GET') throw methodNotAllowed('_history is read with GET');
      return history(repo, req, { resourceType: type });
    }
    if (b.startsWith('$')) return operation(repo, req, b, { resourceType: type });

    const id = b;
    if (c === undefined) {
      switch (m) {
        case 'GET':
          return read(repo, type, id);
        case 'PUT':
          return update(repo, req, type, id);
        case 'PATCH':
          return patch(repo, req, type, id);
        case 'DELETE':
          return remove(repo, type, id);
        default:
          throw methodNotAllowed(`${m} is not allowed on /${type}/${id}`);
      }
    }
    if (c.startsWith('$') && d === undefined) return operation(repo, req, c, { resourceType: type, id });
    if (c === '_history') {
      if (m !== 'GET') throw methodNotAllowed('_history is read with GET');
      if (d === undefined) return history(repo, req, { resourceType: type, id });
      return vread(repo, type, id, d);
    }
    throw notSupported(`Unknown path /${req.path.join('/')}`);
  };

  function operation(repo: Repository, req: FhirRequest, segment: string, target: OperationTarget): Promise<FhirResponse> {
    const candidates = byCode.get(segment.slice(1));
    if (!candidates) throw notSupported(`Unknown operation ${segment}`);
    const op = candidates.find((candidate) => {
      const def = candidate.definition;
      const level = target.id !== undefined ? def.instance : target.resourceType !== undefined ? def.type : def.system;
      return level && (target.resourceType === undefined || appliesTo(candidate, target.resourceType));
    });
    if (!op) {
      throw notSupported(`${segment} is not available on /${[target.resourceType, target.id].filter(Boolean).join('/')}`);
    }
    return op.handler(repo, req, target);
  }

  return route;
}

// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const controlCharacter = /[\u0000-\u001f\u007f]/;

export function appliesTo(op: Operation, resourceType: string): boolean {
  return op.appliesTo === '*' || op.appliesTo.includes(resourceType);
}

/** Parameters of a form-encoded `_search` body (the adapter leaves them as an object of strings or arrays). */
function formParams(body: unknown): [string, string][] {
  if (body === undefined || body === null) return [];
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('_search takes application/x-www-form-urlencoded parameters');
  }
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    for (const value of Array.isArray(v) ? v : [v]) {
      if (typeof value !== 'string') throw badRequest(`_search parameter ${k} must be text`, k);
      out.push([k, value]);
    }
  }
  return out;
}
