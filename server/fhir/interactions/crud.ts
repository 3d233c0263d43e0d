import type { Resource } from '@medplum/fhirtypes';
import jsonPatch from 'fast-json-patch';
import type { Repository } from '../../store/repository.js';
import { badRequest, informational, unsupportedMediaType } from '../outcomes.js';
import type { FhirRequest, FhirResponse } from '../types.js';
import { readResponse, writeResponse } from './respond.js';
import { requireResourceBody } from './body.js';
import { conditionKey, findExisting } from './conditional-create.js';

export async function read(repo: Repository, type: string, id: string): Promise<FhirResponse> {
  return readResponse(await repo.read(type, id));
}

export async function vread(repo: Repository, type: string, id: string, version: string): Promise<FhirResponse> {
  return readResponse(await repo.vread(type, id, version));
}

/** create, or conditional create with If-None-Exist (an existing single match is returned instead). */
export async function create(repo: Repository, req: FhirRequest, type: string): Promise<FhirResponse> {
  const resource = requireResourceBody(req.body, type);
  const { id: _clientId, ...withoutId } = resource;
  const criteria = req.ifNoneExist;
  if (!criteria) return writeResponse(await repo.create(withoutId as Resource), req.prefer, req.baseUrl);
  // Search and create in one transaction holding the condition's lock: of concurrent creates with these
  // criteria, the first creates and the others wait for its commit, then find what it created.
  return repo.transaction(async (tx) => {
    await tx.serialiseOn([conditionKey(type, criteria)]);
    const existing = await findExisting(tx, type, criteria);
    if (existing) return { ...readResponse(existing), status: 200 };
    return writeResponse(await tx.create(withoutId as Resource), req.prefer, req.baseUrl);
  });
}

export async function update(repo: Repository, req: FhirRequest, type: string, id: string): Promise<FhirResponse> {
  const resource = requireResourceBody(req.body, type);
  if (resource.id === undefined) throw badRequest('The resource must carry its id for an update', `${type}.id`);
  if (resource.id !== id) {
    throw badRequest(`Resource id '${resource.id}' does not match '${id}' in the URL`, `${type}.id`);
  }
  const result = await repo.update(resource, { ifMatch: parseIfMatch(req.ifMatch) });
  return writeResponse(result, req.prefer, req.baseUrl);
}

export async function patch(repo: Repository, req: FhirRequest, type: string, id: string): Promise<FhirResponse> {
  if (!req.contentType?.startsWith('application/json-patch+json')) {
    throw unsupportedMediaType('PATCH takes a JSON Patch document (application/json-patch+json)');
  }
  if (!Array.isArray(req.body)) throw badRequest('A JSON Patch document is an array of operations');
  const ifMatch = parseIfMatch(req.ifMatch);
  const result = await repo.transaction(async (tx) => {
    // The row stays locked until commit, so concurrent patches apply one after another, each to the version
    // the one before it wrote; only a client's own If-Match can make a patch fail for want of a version.
    const current = await tx.read(type, id, { forUpdate: true });
    let patched: Resource;
    try {
      const ops = req.body as jsonPatch.Operation[];
      jsonPatch.validate(ops, current.resource);
      patched = jsonPatch.applyPatch(structuredClone(current.resource), ops, true, false).newDocument;
    } catch (err) {
      const message = err instanceof Error ? err.message.split('\n')[0] : 'invalid patch';
      throw badRequest(`JSON Patch cannot be applied: ${message}`);
    }
    if (patched.resourceType !== type || patched.id !== id) {
      throw badRequest('A patch may not change resourceType or id');
    }
    return tx.update(patched, { ifMatch });
  });
  return writeResponse(result, req.prefer, req.baseUrl);
}

export async function remove(repo: Repository, type: string, id: string): Promise<FhirResponse> {
  await repo.delete(type, id);
  return { status: 200, body: informational(`Deleted ${type}/${id}`) };
}

/** If-Match: W/"3" → "3". Anything else is a client error, not a silent unconditional update. */
export function parseIfMatch(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const m = /^(?:W\/)?"([^"]+)"$/.exec(header.trim());
  if (!m) throw badRequest(`If-Match must be an ETag such as W/"1"`, 'If-Match');
  return m[1];
}


