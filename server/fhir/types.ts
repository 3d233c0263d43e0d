import type { Resource } from '@medplum/fhirtypes';

/** What the FHIR layer needs of an HTTP request, free of any web framework. */
export interface FhirRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** path segments after the FHIR base, already URL-decoded */
  path: string[];
  /** query parameters in request order, repeats kept */
  query: [string, string][];
  body?: unknown;
  contentType?: string;
  ifMatch?: string;
  ifNoneExist?: string;
  prefer: Prefer;
  /** the Accept header as sent; absent when the client sent none */
  accept?: string;
  /** absolute base URL of the FHIR endpoint, for fullUrl, Location and paging links */
  baseUrl: string;
  /** the client asked for CSV: only an operation that produces a table may answer it (406 elsewhere) */
  csv?: boolean;
}

export interface Prefer {
  return?: 'minimal' | 'representation' | 'OperationOutcome';
  handling?: 'strict' | 'lenient';
  respondAsync?: boolean;
}

export interface FhirResponse {
  status: number;
  /** a resource, or JSON text already serialised (stored resources are served as stored) */
  body?: Resource | string;
  headers?: Record<string, string>;
  /** the media type of a body that is not FHIR JSON (CSV) */
  contentType?: string;
}

export function parsePrefer(header: string | undefined): Prefer {
  const prefer: Prefer = {};
  for (const part of (header ?? '').split(/[,;]/)) {
    const [k, v] = part.trim().split('=').map((s) => s?.trim().replace(/^"|"$/g, ''));
    if (k === 'return' && (v === 'minimal' || v === 'representation' || v === 'OperationOutcome')) prefer.return = v;
    if (k === 'handling' && (v === 'strict' || v === 'lenient')) prefer.handling = v;
    if (k === 'respond-async') prefer.respondAsync = true;
  }
  return prefer;
}
