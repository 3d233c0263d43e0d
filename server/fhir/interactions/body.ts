import type { Resource } from '@medplum/fhirtypes';
import { isResourceType } from '../definitions.js';
import { badRequest } from '../outcomes.js';

/** The request body as a resource of the type the URL names, or a 400 that says what is wrong. */
export function requireResourceBody(body: unknown, expectedType?: string): Resource {
  if (body === undefined || body === null || (typeof body === 'object' && Object.keys(body).length === 0)) {
    throw badRequest('The request has no resource in its body');
  }
  if (typeof body !== 'object' || Array.isArray(body)) throw badRequest('The body must be a JSON object (a resource)');
  const resourceType = (body as { resourceType?: unknown }).resourceType;
  if (typeof resourceType !== 'string') throw badRequest('The resource has no resourceType', 'resourceType');
  if (!isResourceType(resourceType)) throw badRequest(`Unknown resourceType '${resourceType}'`, 'resourceType');
  if (expectedType !== undefined && resourceType !== expectedType) {
    throw badRequest(`resourceType '${resourceType}' does not match '${expectedType}' in the URL`, 'resourceType');
  }
  return body as Resource;
}
