/**
 * What kind of request this is, for metrics: a small fixed set of names, never a path with ids in it, so
 * that every series stays one series however many resources there are.
 */
export const routeClasses = [
  'fhir-read',
  'fhir-search',
  'fhir-write',
  'fhir-transaction',
  'fhir-history',
  'fhir-operation',
  'fhir-metadata',
  'auth',
  'admin',
  'health',
  'metrics',
  'static',
] as const;
export type RouteClass = (typeof routeClasses)[number];

const FHIR_BASE = '/fhir/R4';

/** `path` is the URL path without the query string, as the client sent it. */
export function routeClassOf(method: string, path: string): RouteClass {
  if (path === FHIR_BASE || path.startsWith(`${FHIR_BASE}/`)) return fhirRouteClass(method, path.slice(FHIR_BASE.length));
  const first = path.split('/')[1] ?? '';
  if (first === 'auth' || first === 'oauth2' || first === '.well-known') return 'auth';
  if (first === 'admin') return 'admin';
  if (first === 'healthz') return 'health';
  if (first === 'metrics') return 'metrics';
  return 'static';
}

function fhirRouteClass(method: string, rest: string): RouteClass {
  const segments = rest.split('/').filter(Boolean);
  const reads = method === 'GET' || method === 'HEAD';
  if (segments.some((s) => s.startsWith('$'))) return 'fhir-operation';
  const [type, second, third, fourth] = segments;
  if (type === undefined) return reads ? 'fhir-search' : 'fhir-transaction';
  if (type === 'metadata' || type === '.well-known') return 'fhir-metadata';
  if (type === '_history' || second === '_history') return 'fhir-history';
  if (second === undefined) return reads ? 'fhir-search' : 'fhir-write';
  if (second === '_search') return 'fhir-search';
  if (third === '_history') return fourth === undefined ? 'fhir-history' : 'fhir-read';
  return reads ? 'fhir-read' : 'fhir-write';
}

/** Whether a request of this class and method may change stored data (decides read-your-writes routing). */
export function mayWrite(method: string, routeClass: RouteClass): boolean {
  return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS' && routeClass !== 'fhir-search' && routeClass !== 'metrics';
}
