import type { Resource } from '@medplum/fhirtypes';
import { informational } from '../outcomes.js';
import type { Stored, WriteResult } from '../../store/repository.js';
import type { FhirResponse, Prefer } from '../types.js';

/** ETag and Last-Modified of a stored version. */
export function versionHeaders(resource: Resource): Record<string, string> {
  const headers: Record<string, string> = {};
  if (resource.meta?.versionId) headers['ETag'] = `W/"${resource.meta.versionId}"`;
  if (resource.meta?.lastUpdated) headers['Last-Modified'] = new Date(resource.meta.lastUpdated).toUTCString();
  return headers;
}

export function readResponse(stored: Stored): FhirResponse {
  return { status: 200, body: stored.content, headers: versionHeaders(stored.resource) };
}

/** The answer to a create or update, shaped by `Prefer: return=`. */
export function writeResponse(result: WriteResult, prefer: Prefer, baseUrl: string): FhirResponse {
  const { resource } = result;
  const headers = {
    ...versionHeaders(resource),
    Location: `${baseUrl}/${resource.resourceType}/${resource.id}/_history/${resource.meta?.versionId}`,
  };
  const status = result.created ? 201 : 200;
  if (prefer.return === 'minimal') return { status, headers };
  if (prefer.return === 'OperationOutcome') {
    const verb = result.created ? 'Created' : 'Updated';
    return { status, headers, body: informational(`${verb} ${resource.resourceType}/${resource.id}`) };
  }
  return { status, headers, body: result.content };
}
