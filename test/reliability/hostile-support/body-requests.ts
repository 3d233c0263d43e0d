import fc from 'fast-check';
import { show, withBody, type Attack, type HostileRequest } from './attack.js';
import { hostileValue } from './hostile-values.js';

/**
 * Bodies that are not what they claim: broken JSON, JSON of the wrong shape, resources with hostile values
 * in every field, prototype keys, bytes that are not UTF-8; and JSON nested thousands deep in the places a
 * server walks (extensions, contained resources, bundle entries, patch values).
 */

const targets = (attack: Attack): fc.Arbitrary<[string, string]> =>
  fc.oneof(
    fc.constantFrom<[string, string]>(['POST', 'Patient'], ['POST', 'Observation'], ['POST', 'QuestionnaireResponse'], ['POST', ''], ['POST', 'Patient/$validate'], ['POST', 'QuestionnaireResponse/$extract'], ['POST', 'Patient/_search']),
    fc.constantFrom(...attack.ownPatientIds).map((id): [string, string] => ['PUT', `Patient/${id}`]),
    fc.constantFrom(...attack.foreignRefs).map((ref): [string, string] => ['PUT', ref]),
    fc.constantFrom(...attack.ownPatientIds).map((id): [string, string] => ['PATCH', `Patient/${id}`]),
  );

const patientShape = (attack: Attack): fc.Arbitrary<unknown> =>
  fc.record(
    {
      resourceType: fc.oneof(fc.constant('Patient'), hostileValue(attack), fc.jsonValue()),
      id: fc.oneof(hostileValue(attack), fc.jsonValue()),
      meta: fc.oneof(fc.jsonValue(), fc.constant({ security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'PSY' }] })),
      name: fc.oneof(fc.jsonValue(), hostileValue(attack).map((v) => [{ family: v, given: [v] }])),
      birthDate: fc.oneof(hostileValue(attack), fc.jsonValue()),
      managingOrganization: fc.oneof(fc.jsonValue(), fc.constantFrom(...attack.foreignRefs).map((r) => ({ reference: r }))),
      extension: fc.oneof(fc.jsonValue(), fc.array(fc.record({ url: hostileValue(attack), valueString: fc.jsonValue() }), { maxLength: 5 })),
      contained: fc.jsonValue(),
    },
    { requiredKeys: [] },
  );

function malformedBody(attack: Attack): fc.Arbitrary<Buffer> {
  const text = (s: string): Buffer => Buffer.from(s, 'utf8');
  return fc.oneof(
    // valid JSON of any shape
    fc.jsonValue().map((v) => text(JSON.stringify(v) ?? 'null')),
    // a resource with hostile values and keys
    patientShape(attack).map((v) => text(JSON.stringify(v))),
    // JSON cut off, or with a byte inserted
    fc.tuple(patientShape(attack), fc.nat(), fc.constantFrom('', '\u0000', '"', '}', ']', ',', '\\', '\uD800', '\u2028')).map(([v, cut, insert]) => {
      const s = JSON.stringify(v);
      const at = cut % (s.length + 1);
      return text(s.slice(0, at) + insert + (cut % 2 === 0 ? '' : s.slice(at)));
    }),
    // not JSON at all, or bytes that are not UTF-8
    fc.string({ unit: 'binary', maxLength: 300 }).map(text),
    fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
    // prefixes and encodings a parser may trip on
    fc.constantFrom('\uFEFF{"resourceType":"Patient"}', '{"resourceType":"Patient","resourceType":"Observation"}', '{"resourceType":"Patient","id":"x","id":"../../etc"}', 'null', '""', '[]', '1e999999', '-', '{"a":1}{"b":2}', '{"resourceType":"Patient"}\u0000', '{"resourceType":"Patient","__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}').map(text),
    fc.constant(Buffer.from('{"resourceType":"Patient"}', 'utf16le')),
    // long strings and numbers
    fc.integer({ min: 10_000, max: 2_000_000 }).map((n) => text(`{"resourceType":"Patient","name":[{"family":"${'x'.repeat(n)}"}]}`)),
    fc.integer({ min: 100, max: 100_000 }).map((n) => text(`{"resourceType":"Observation","status":"final","code":{"text":"x"},"valueQuantity":{"value":${'9'.repeat(n)}}}`)),
  );
}

export function malformedJsonRequest(attack: Attack): fc.Arbitrary<HostileRequest> {
  return fc.tuple(targets(attack), malformedBody(attack), fc.constantFrom('application/fhir+json', 'application/json', 'application/json-patch+json')).map(([[method, path], body, contentType]) =>
    withBody(attack, method, path, body, `${method} ${path} ${contentType} ${show(body.toString('latin1'), 60)}`, method === 'PATCH' ? 'application/json-patch+json' : contentType),
  );
}

/** Where the nesting goes. */
const nestings: Record<string, (depth: number) => string> = {
  arrays: (d) => '['.repeat(d) + ']'.repeat(d),
  objects: (d) => '{"a":'.repeat(d) + '1' + '}'.repeat(d),
  'Patient extensions': (d) => `{"resourceType":"Patient","extension":${'[{"url":"http://x/e","extension":'.repeat(d)}[]${'}]'.repeat(d)}}`,
  'Patient field': (d) => `{"resourceType":"Patient","name":${'['.repeat(d)}${']'.repeat(d)}}`,
  'contained resources': (d) => `${'{"resourceType":"Patient","contained":['.repeat(d)}{"resourceType":"Patient"}${']}'.repeat(d)}`,
  'bundle entries': (d) => `{"resourceType":"Bundle","type":"batch","entry":[{"request":{"method":"POST","url":"Patient"},"resource":${'{"resourceType":"Bundle","type":"batch","entry":[{"resource":'.repeat(d)}{}${'}]}'.repeat(d)}}]}`,
  'questionnaire items': (d) => `{"resourceType":"QuestionnaireResponse","status":"completed","item":${'[{"linkId":"x","item":'.repeat(d)}[]${'}]'.repeat(d)}}`,
  'patch value': (d) => `[{"op":"add","path":"/extension","value":${'['.repeat(d)}${']'.repeat(d)}}]`,
};

export function deepNestingRequest(attack: Attack): fc.Arbitrary<HostileRequest> {
  return fc
    .tuple(fc.constantFrom(...Object.keys(nestings)), fc.oneof(fc.integer({ min: 100, max: 5_000 }), fc.integer({ min: 5_000, max: 100_000 })), fc.boolean())
    .map(([where, depth, asSearch]) => {
      const body = nestings[where](depth);
      if (where === 'patch value') return withBody(attack, 'PATCH', `Patient/${attack.ownPatientIds[0]}`, body, `PATCH nested ${depth} deep`, 'application/json-patch+json');
      if (where === 'bundle entries' || where === 'arrays' || where === 'objects') return withBody(attack, 'POST', asSearch ? 'Patient/$validate' : '', body, `POST ${where} nested ${depth} deep`);
      const type = where === 'questionnaire items' ? 'QuestionnaireResponse' : 'Patient';
      return withBody(attack, 'POST', asSearch ? `${type}/$validate` : type, body, `POST ${type} with ${where} nested ${depth} deep`);
    });
}
