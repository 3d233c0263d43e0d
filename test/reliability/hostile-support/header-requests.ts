import fc from 'fast-check';
import { FHIR, bearer, show, type Attack, type HostileRequest } from './attack.js';
import { hostileValue } from './hostile-values.js';

/**
 * Header abuse: huge and numerous headers, Content-Type and Content-Encoding that do not fit the body,
 * Authorization that is missing, malformed, forged or not a bearer token, and preconditions and
 * preferences (If-Match, If-None-Exist, If-None-Match, Prefer) that make no sense, on reads and writes.
 */

/** Node's http server default (`--max-http-header-size`). */
const MAX_HEADER_BYTES = 16 * 1024;

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function authorizations(attack: Attack): fc.Arbitrary<[string, string][]> {
  const [, payload, signature] = attack.token.split('.');
  const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString() || '{}') as Record<string, unknown>;
  const forged = [
    `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, role: 'admin' })}.`,
    `${b64({ alg: 'HS256', typ: 'JWT' })}.${payload}.${signature}`,
    `${attack.token.split('.')[0]}.${b64({ ...claims, org: 'other', organization: 'other', exp: 9_999_999_999 })}.${signature}`,
    `${attack.token}x`,
    attack.token.slice(0, -5),
    `${attack.token}.${attack.token}`,
  ];
  return fc.oneof(
    fc.constant<[string, string][]>([]),
    fc.constantFrom(...forged).map((t): [string, string][] => [['Authorization', `Bearer ${t}`]]),
    fc.constantFrom('Bearer', 'Bearer ', 'bearer', 'Basic YWRtaW46ZGVtbw==', 'Digest x', `bearer ${attack.token}`, `Bearer  ${attack.token}`, `Token ${attack.token}`).map((v): [string, string][] => [['Authorization', v]]),
    hostileValue(attack).map((v): [string, string][] => [['Authorization', `Bearer ${v}`]]),
    fc.integer({ min: 1_000, max: 20_000 }).map((n): [string, string][] => [['Authorization', `Bearer ${'a'.repeat(n)}`]]),
    fc.constant<[string, string][]>([bearer(attack), ['Authorization', 'Bearer x']]),
  );
}

const contentTypes = [
  'text/plain', 'application/xml', 'application/fhir+xml', 'application/fhir+json; charset=latin1', 'application/json; charset=utf-16',
  'application/json; charset=nope', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', '', ';;;', '*/*',
  'application/fhir+json;;charset=utf-8;charset=utf-16', 'APPLICATION/FHIR+JSON', 'application/json-patch+json', 'application/fhir+jsonx',
];
const contentEncodings = ['gzip', 'deflate', 'br', 'identity', 'gzip, gzip', 'compress', 'x-unknown', 'GZIP', '', 'gzip, identity', 'zstd'];

function preconditions(attack: Attack): fc.Arbitrary<[string, string][]> {
  const name = fc.constantFrom('If-Match', 'If-None-Match', 'If-None-Exist', 'If-Modified-Since', 'Prefer', 'Accept', 'Accept-Charset', 'X-Forwarded-For', 'X-HTTP-Method-Override', 'Range');
  const value = fc.oneof(
    fc.constantFrom('W/"1"', '*', '"abc"', 'W/"-1"', 'W/"99999999999999999999"', 'W/', '""', 'return=representation', 'return=OperationOutcome', 'return=minimal', 'handling=lenient', 'handling=strict', 'respond-async', 'application/xml', 'application/fhir+json;q=0', 'bytes=0-1,0-1,0-1', '1.2.3.4, 127.0.0.1', 'DELETE'),
    fc.constantFrom(...attack.foreignRefs).map((ref) => `_id=${ref.split('/')[1]}`),
    hostileValue(attack),
  );
  return fc.array(fc.tuple(name, value), { minLength: 1, maxLength: 4 });
}

export function headerRequest(attack: Attack): fc.Arbitrary<HostileRequest> {
  const own = fc.constantFrom(...attack.ownPatientIds);
  const target = fc.oneof(
    own.map((id) => ['GET', `Patient/${id}`] as const),
    own.map((id) => ['PUT', `Patient/${id}`] as const),
    own.map((id) => ['PATCH', `Patient/${id}`] as const),
    fc.constantFrom(['GET', 'Patient?name=a'] as const, ['POST', 'Patient'] as const, ['POST', ''] as const, ['DELETE', `Patient/${attack.ownPatientIds[0]}x`] as const),
    fc.constantFrom(...attack.foreignRefs).map((ref) => ['PUT', ref] as const),
  );
  const abuse = fc.oneof(
    authorizations(attack).map((headers) => ({ headers, what: 'authorization' })),
    fc.constantFrom(...contentTypes).map((v) => ({ headers: [bearer(attack), ['Content-Type', v]] as [string, string][], what: 'content-type' })),
    fc.constantFrom(...contentEncodings).map((v) => ({ headers: [bearer(attack), ['Content-Type', 'application/fhir+json'], ['Content-Encoding', v]] as [string, string][], what: 'content-encoding' })),
    preconditions(attack).map((headers) => ({ headers: [bearer(attack), ['Content-Type', 'application/fhir+json'], ...headers] as [string, string][], what: 'preconditions' })),
    fc.tuple(fc.constantFrom('X-Padding', 'Cookie', 'Accept', 'User-Agent', 'Prefer', 'If-Match'), fc.integer({ min: 8_000, max: 200_000 })).map(([name, n]) => ({
      headers: [bearer(attack), [name, 'x'.repeat(n)]] as [string, string][],
      what: `huge ${name}`,
    })),
    fc.integer({ min: 100, max: 3_000 }).map((n) => ({ headers: [bearer(attack), ...Array.from({ length: n }, (_, i): [string, string] => [`X-H${i}`, 'v'])], what: `${n} headers` })),
    fc.constantFrom<[string, string]>(['X\u0000Bad', 'v'], ['Bad Name', 'v'], ['X-Ctl', 'a\u0001b'], ['Transfer-Encoding', 'chunked, identity'], ['Content-Length', '5, 7'], ['Expect', '100-continue']).map((h) => ({
      headers: [bearer(attack), ['Content-Type', 'application/fhir+json'], h] as [string, string][],
      what: `malformed ${show(h[0], 20)}`,
    })),
  );
  return fc.tuple(target, abuse).map(([[method, path], { headers, what }]): HostileRequest => {
    const body = method === 'GET' || method === 'DELETE' ? undefined : Buffer.from(method === 'PATCH' ? '[{"op":"replace","path":"/gender","value":"other"}]' : JSON.stringify({ resourceType: 'Patient', id: path.split('/')[1], gender: 'other' }));
    // Past Node's 16 KiB of headers the server answers 431 and closes at once; a body still being sent then
    // meets a reset connection, and the answer may be lost with it.
    const headerBytes = headers.reduce((n, [name, value]) => n + name.length + value.length + 4, 0);
    return {
      method,
      target: `${FHIR}/${path}`,
      headers,
      ...(body === undefined ? {} : { body }),
      label: `${method} ${path} with ${what}`,
      ...(headerBytes > MAX_HEADER_BYTES ? { mayGoUnanswered: true } : {}),
    };
  });
}
