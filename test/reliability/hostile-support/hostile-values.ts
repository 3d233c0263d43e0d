import fc from 'fast-check';
import type { Attack } from './attack.js';

/**
 * Values a hostile client puts wherever a string goes: quoting and SQL, LIKE wildcards and escapes, NUL and
 * control characters, scripts and marks, bidi controls, numbers and dates at and past their limits, FHIR
 * prefixes and separators, paths, and references to the other organisation's records.
 */
const fragments: readonly string[] = [
  "'", '"', "'; DROP TABLE resource; --", "x' OR '1'='1", '1) OR (1=1', '%', '_', '%_%', '\\', '\\\\', '\\,', '\\|', '\\$',
  '\u0000', 'a\u0000b', '\u0001\u001b[0m\u007f', '\r\n', '\t', 'ناصر', '\u200Fناصر\u200E', '\u202Eevil\u202C', '😀👨‍👩‍👧🇮🇶',
  'e\u0301\u0302\u0303', '\uFEFF', '\uD800', '\uDFFF', '', ',', ',,,', '|', '||', '$', '*', 'null', 'undefined', 'true',
  '../../../../etc/passwd', '${jndi:ldap://x/a}', '<script>alert(1)</script>', '{"$gt":""}', '__proto__', 'constructor',
  '2024-03-01', 'ge2024', 'ap2024-03-01T10:00:00Z', 'eq5|http://unitsofmeasure.org|mg', '0000', '9999-12-31T23:59:59.999Z',
  'ge9999', 'lt0001', '2024-02-30', '2024-13-01', '2024-03-01T25:00:00Z', '2024-03-01T10:00:00+99:99', '1e400', '-1e-400',
  '1e999999999', 'NaN', 'Infinity', '-0', '0x10', '9007199254740993', 'gegegege1', 'sa', 'eb-1', 'Patient/', 'Patient/../x',
  'http://evil.example/Patient/1', 'urn:uuid:\u0000', 'a:\u0000', ':', '::', '.', '..', '#', '?', '&', '=', '+', '%00', '%zz',
];

/** A hostile value: a fragment, fragments run together, generated text of any unit, a long repeat, long random text, many alternatives, or a foreign reference. */
export function hostileValue(attack: Attack): fc.Arbitrary<string> {
  const fragment = fc.constantFrom(...fragments);
  const foreign = fc.constantFrom(...attack.foreignRefs).chain((ref) => fc.constantFrom(ref, ref.split('/')[1], `http://x/fhir/R4/${ref}`, attack.marker));
  return fc.oneof(
    { weight: 5, arbitrary: fragment },
    { weight: 3, arbitrary: fc.array(fragment, { minLength: 2, maxLength: 6 }).map((parts) => parts.join('')) },
    { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 2, arbitrary: foreign },
    { weight: 1, arbitrary: fc.tuple(fragment, fc.integer({ min: 1_000, max: 50_000 })).map(([f, n]) => (f || 'x').repeat(Math.ceil(n / Math.max(1, f.length)))) },
    // long text that does not compress: PostgreSQL fits a long repeat into an index row, not this
    { weight: 1, arbitrary: fc.uint8Array({ minLength: 1_500, maxLength: 6_000 }).map((bytes) => Buffer.from(bytes).toString('base64')) },
    { weight: 1, arbitrary: fc.tuple(fragment, fc.integer({ min: 10, max: 2_000 })).map(([f, n]) => Array.from({ length: n }, (_, i) => `${f}${i}`).join(',')) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('eq', 'ne', 'gt', 'lt', 'ge', 'le', 'sa', 'eb', 'ap', ''), fc.oneof(fc.double().map(String), fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? 'Invalid' : d.toISOString())), fc.bigInt().map(String))).map(([p, v]) => `${p}${v}`) },
  );
}
