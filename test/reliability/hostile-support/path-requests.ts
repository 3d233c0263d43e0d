import fc from 'fast-check';
import { FHIR, bearer, percentEncode, show, type Attack, type HostileRequest } from './attack.js';
import { hostileValue } from './hostile-values.js';

/**
 * URLs and methods a client should never send: NUL and broken escapes in ids, dot segments, long paths,
 * unknown types and operations, other organisations' records by id and history, odd methods, and the
 * non-FHIR doors (/auth, /admin, /oauth2) with hostile bodies.
 */
export function pathRequest(attack: Attack): fc.Arbitrary<HostileRequest> {
  const segment = fc.oneof(
    fc.constantFrom('a%00b', '%00', '%E0%A4%A', '%zz', '%C0%AE%C0%AE', '..', '.', '%2e%2e', '%2F', 'Patient', 'patient', '$everything', '$export', '$meta', '_history', '_search', 'metadata', '*', '%F0%9F%98%80', '%ED%A0%80', ';x', '~', ''),
    hostileValue(attack).map(percentEncode),
    fc.integer({ min: 100, max: 30_000 }).map((n) => 'a'.repeat(n)),
  );
  const fhirPath = fc.oneof(
    fc.array(segment, { minLength: 1, maxLength: 6 }).map((s) => s.join('/')),
    fc.tuple(fc.constantFrom('Patient', 'Observation', 'Task'), segment).map(([t, s]) => `${t}/${s}`),
    fc.tuple(fc.constantFrom(...attack.foreignRefs), fc.constantFrom('', '/_history', '/_history/1', '/$everything', '/$grant-access', '/$break-glass', '/*')).map(([r, s]) => r + s),
    fc.constantFrom(...attack.foreignRefs).map((r) => `Patient/../${r}`),
  );
  const method = fc.constantFrom('GET', 'GET', 'GET', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE', 'PROPFIND', 'CONNECT', 'BREW', 'PATCH', 'POST', 'PUT');
  const fhir = fc.tuple(method, fhirPath).map(([m, p]): HostileRequest => ({
    method: m,
    target: `${FHIR}/${p}`,
    headers: [bearer(attack), ['Content-Type', 'application/fhir+json']],
    ...(m === 'POST' || m === 'PUT' || m === 'PATCH' ? { body: Buffer.from('{"resourceType":"Patient"}') } : {}),
    label: `${m} ${show(p, 100)}`,
    // Node's server hands CONNECT to a tunnel handler, and without one closes the connection unanswered.
    ...(m === 'CONNECT' ? { mayGoUnanswered: true } : {}),
  }));
  const doors = fc.tuple(fc.constantFrom('/auth/login', '/auth/refresh', '/auth/logout', '/auth/totp/verify', '/admin/users', '/admin/organizations', '/oauth2/token', '/auth/me', '/healthz', '/fhir/R4/../admin/users', '//fhir/R4/Patient'), fc.jsonValue(), hostileValue(attack)).map(([door, json, value]): HostileRequest => ({
    method: 'POST',
    target: door,
    headers: [bearer(attack), ['Content-Type', door === '/oauth2/token' ? 'application/x-www-form-urlencoded' : 'application/json']],
    body: Buffer.from(door === '/oauth2/token' ? `grant_type=${percentEncode(value)}&client_assertion=${percentEncode(value)}` : JSON.stringify({ username: value, password: value, refresh_token: value, code: value, extra: json })),
    label: `POST ${door} ${show(value, 40)}`,
  }));
  return fc.oneof({ weight: 3, arbitrary: fhir }, { weight: 1, arbitrary: doors });
}
