import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { rawRequest, type RawResult } from '../support/http.js';
import { useTestServer } from '../support/suite.js';

/**
 * Requests a client got wrong: bodies nested far deeper than any FHIR resource, bodies labelled with a
 * compression they do not have, bytes that are not UTF-8, JSON that is not a resource at all, control
 * characters in a path. Each is refused with a 4xx OperationOutcome saying what is wrong, never a 500, and
 * the server goes on serving.
 */

const suite = useTestServer({ caller: 'data-migration' });

function send(method: string, path: string, body?: Buffer | string, headers: Record<string, string> = {}): Promise<RawResult> {
  return rawRequest(`${suite.server.fhirBase}/${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${suite.server.token}`,
      ...(body !== undefined ? { 'Content-Type': 'application/fhir+json' } : {}),
      ...headers,
    },
    body,
  });
}

/** The answer is an OperationOutcome with this status, whose diagnostics match `says`. */
function expectRefusal(res: RawResult, status: number, says: RegExp): void {
  expect({ status: res.status, text: res.text }).toMatchObject({ status });
  const outcome = JSON.parse(res.text) as { resourceType: string; issue: { diagnostics?: string }[] };
  expect(outcome.resourceType).toBe('OperationOutcome');
  expect(outcome.issue.map((i) => i.diagnostics).join(' ')).toMatch(says);
}

const nestedArrays = (levels: number): string => '['.repeat(levels) + ']'.repeat(levels);
const nestedObjects = (levels: number): string => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
/** A Patient whose extension holds `inner`: the Patient object is one level, `inner` adds its own. */
const patientHolding = (inner: string): string => `{"resourceType":"Patient","extension":${inner}}`;
const tooDeep = /nested more than 100 levels/;

describe('JSON nested deeper than any resource', () => {
  it('refuses a create nested 10,000 levels deep, arrays or objects, with 400 naming the limit', async () => {
    expectRefusal(await send('POST', 'Patient', patientHolding(nestedArrays(10_000))), 400, tooDeep);
    expectRefusal(await send('POST', 'Patient', patientHolding(nestedObjects(10_000))), 400, tooDeep);
  });

  it('refuses it in every interaction that takes a body: update, patch, transaction, $validate', async () => {
    expectRefusal(await send('PUT', 'Patient/deep', patientHolding(nestedArrays(10_000))), 400, tooDeep);
    const patch = `[{"op":"add","path":"/extension","value":${nestedArrays(10_000)}}]`;
    expectRefusal(await send('PATCH', 'Patient/deep', patch, { 'Content-Type': 'application/json-patch+json' }), 400, tooDeep);
    const bundle = `{"resourceType":"Bundle","type":"transaction","entry":[{"resource":${patientHolding(nestedObjects(10_000))},"request":{"method":"POST","url":"Patient"}}]}`;
    expectRefusal(await send('POST', '', bundle), 400, tooDeep);
    expectRefusal(await send('POST', 'Patient/$validate', patientHolding(nestedArrays(10_000))), 400, tooDeep);
  });

  it('counts levels exactly: 100 levels pass the check, 101 do not', async () => {
    const atLimit = await send('POST', 'Patient', patientHolding(nestedArrays(99)));
    expect(atLimit.status).toBeGreaterThanOrEqual(400);
    expect(atLimit.status).toBeLessThan(500);
    expect(atLimit.text).not.toMatch(tooDeep); // refused as an invalid extension, not for its depth
    expectRefusal(await send('POST', 'Patient', patientHolding(nestedArrays(100))), 400, tooDeep);
  });

  it('refuses a resource that JSON Patch operations graft thousands of levels deep, though each is shallow', async () => {
    const created = await send('POST', 'Patient', JSON.stringify({ resourceType: 'Patient', name: [{ family: 'Grafted' }] }));
    const id = (JSON.parse(created.text) as { id: string }).id;
    // Each operation adds 90 levels at the innermost array the previous ones built: 70 of them, 6,300 levels.
    const ops = [{ op: 'add', path: '/extension', value: JSON.parse(nestedArrays(90)) as unknown }];
    for (let k = 2; k <= 70; k++) ops.push({ op: 'add', path: `/extension${'/0'.repeat(89 + 90 * (k - 2))}/-`, value: JSON.parse(nestedArrays(90)) });
    const res = await send('PATCH', `Patient/${id}`, JSON.stringify(ops), { 'Content-Type': 'application/json-patch+json' });
    expectRefusal(res, 422, tooDeep);
  });

  it('accepts a questionnaire of 40 nested groups, deeper than real forms go', async () => {
    let item: Record<string, unknown> = { linkId: 'q', text: 'Innermost question', type: 'string' };
    for (let level = 40; level >= 1; level--) item = { linkId: `g${level}`, text: `Group ${level}`, type: 'group', item: [item] };
    const questionnaire = { resourceType: 'Questionnaire', status: 'draft', name: 'DeeplyNested', item: [item] };
    const res = await send('POST', 'Questionnaire', JSON.stringify(questionnaire));
    expect(res.status, res.text).toBe(201);
  });

  it('refuses deep nesting at the login door too', async () => {
    const res = await rawRequest(`${suite.server.origin}/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: `{"username":${nestedArrays(3_000)},"password":"x"}`,
    });
    expectRefusal(res, 400, tooDeep);
  });
});

describe('bodies whose Content-Encoding is wrong', () => {
  const patient = JSON.stringify({ resourceType: 'Patient', name: [{ family: 'Encoded' }] });

  it('refuses a body labelled gzip that is not gzip with 400', async () => {
    expectRefusal(await send('POST', 'Patient', patient, { 'Content-Encoding': 'gzip' }), 400, /gzip/);
  });

  it('refuses a gzip body cut short with 400', async () => {
    const gz = gzipSync(patient);
    expectRefusal(await send('POST', 'Patient', gz.subarray(0, gz.length - 12), { 'Content-Encoding': 'gzip' }), 400, /gzip/);
  });

  it('refuses deflate and br bodies that are not what they say with 400', async () => {
    expectRefusal(await send('POST', 'Patient', patient, { 'Content-Encoding': 'deflate' }), 400, /deflate/);
    expectRefusal(await send('POST', 'Patient', patient, { 'Content-Encoding': 'br' }), 400, /br/);
  });

  it('refuses an encoding it does not know, or several stacked, with 415 naming what it takes', async () => {
    for (const encoding of ['compress', 'zstd', 'gzip, br', 'x-unknown']) {
      expectRefusal(await send('POST', 'Patient', patient, { 'Content-Encoding': encoding }), 415, /gzip, deflate or br/);
    }
  });

  it('still takes a body that is gzip as it says', async () => {
    const res = await send('POST', 'Patient', gzipSync(patient), { 'Content-Encoding': 'gzip' });
    expect(res.status, res.text).toBe(201);
  });
});

describe('bodies that are not a FHIR resource', () => {
  it('refuses bytes that are not UTF-8 with 400 instead of storing replacement characters', async () => {
    const prefix = Buffer.from('{"resourceType":"Patient","name":[{"family":"');
    const suffix = Buffer.from('"}]}');
    for (const bad of [[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80]]) {
      expectRefusal(await send('POST', 'Patient', Buffer.concat([prefix, Buffer.from(bad), suffix])), 400, /UTF-8/);
    }
  });

  it('refuses a body that is a bare number, string, boolean or null with 400', async () => {
    for (const body of ['5', '"Patient"', 'true', 'null']) {
      expectRefusal(await send('POST', 'Patient', body), 400, /must be a JSON object/);
      expectRefusal(await send('PUT', 'Patient/bare', body), 400, /must be a JSON object/);
      expectRefusal(await send('POST', '', body), 400, /must be a JSON object/);
    }
  });

  it('refuses an array where a resource is expected with 400', async () => {
    const res = await send('POST', 'Patient', '[]');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).resourceType).toBe('OperationOutcome');
  });

  it('refuses $validate Parameters whose parameter is not a list with 400', async () => {
    for (const parameter of [5, 'resource', {}, [null]]) {
      expectRefusal(await send('POST', 'Patient/$validate', JSON.stringify({ resourceType: 'Parameters', parameter })), 400, /"resource" parameter/);
    }
  });

  it('refuses text that is not JSON with 400', async () => {
    expectRefusal(await send('POST', 'Patient', '{"resourceType":"Patient",'), 400, /not valid JSON/);
  });
});

describe('control characters in the path', () => {
  it('refuses a NUL or other control character in an id with 400', async () => {
    for (const path of ['Patient/a%00b', 'Patient/a%0Ab', 'Patient/a%7Fb', 'Patient/x/_history/1%00']) {
      expectRefusal(await send('GET', path), 400, /control character/);
    }
    expectRefusal(await send('DELETE', 'Patient/a%00b'), 400, /control character/);
    expectRefusal(await send('PUT', 'Patient/a%00b', JSON.stringify({ resourceType: 'Patient', id: 'a\u0000b' })), 400, /control character/);
  });
  it('refuses it in the url of a batch or transaction entry too', async () => {
    const entry = { request: { method: 'GET', url: 'Patient/a\u0000b' } };
    expectRefusal(await send('POST', '', JSON.stringify({ resourceType: 'Bundle', type: 'transaction', entry: [entry] })), 400, /control character/);
    const batch = await send('POST', '', JSON.stringify({ resourceType: 'Bundle', type: 'batch', entry: [entry] }));
    expect(batch.status).toBe(200);
    expect(JSON.parse(batch.text).entry[0].response).toMatchObject({ status: '400', outcome: { issue: [{ diagnostics: 'The URL path contains a control character' }] } });
  });
});

describe('values PostgreSQL or the rules could not take as they are', () => {
  it('refuses a body of more objects and arrays than any request needs with 413, before parsing it', async () => {
    const body = `{"resourceType":"Patient","name":[${Array(600_000).fill('{"text":"a"}').join(',')}]}`;
    expectRefusal(await send('POST', 'Patient', body), 413, /more than 500,000 objects and arrays/);
  });

  it('refuses a NUL in the login body with 400, before any account is looked up', async () => {
    const res = await rawRequest(`${suite.server.origin}/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'case\u0000worker', password: 'x' }),
    });
    expectRefusal(res, 400, /NUL/);
  });

  it('stores a family name of 20,000 characters, and finds it by a prefix of any length', async () => {
    const family = `${'Al-Jubouri '.repeat(1_000)}ئەحمەد`.repeat(2);
    const created = await send('POST', 'Patient', JSON.stringify({ resourceType: 'Patient', name: [{ family }] }));
    expect(created.status).toBe(201);
    const id = JSON.parse(created.text).id as string;
    for (const prefix of [family.slice(0, 30), family.slice(0, 3_000)]) {
      const found = await send('POST', 'Patient/_search', `family=${encodeURIComponent(prefix)}`, { 'Content-Type': 'application/x-www-form-urlencoded' });
      expect(found.status).toBe(200);
      expect((JSON.parse(found.text).entry ?? []).map((e: { resource: { id: string } }) => e.resource.id)).toContain(id);
    }
  });

  it('stores identifiers and URIs of thousands of characters, and finds each by its exact value only', async () => {
    // random text, which PostgreSQL cannot compress into an index row the way it would a repeated letter
    const system = `urn:hiwa:long:${randomBytes(1_500).toString('hex')}`;
    const start = randomBytes(2_000).toString('base64');
    const [value, twin] = [`${start}-1`, `${start}-2`]; // the same first 2,668 characters
    const [one, other] = await Promise.all(
      [value, twin].map((v) => send('POST', 'Patient', JSON.stringify({ resourceType: 'Patient', identifier: [{ system, value: v }] }))),
    );
    expect([one.status, other.status]).toEqual([201, 201]);
    const found = await send('POST', 'Patient/_search', `identifier=${encodeURIComponent(`${system}|${value}`)}`, { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(found.status).toBe(200);
    expect((JSON.parse(found.text).entry ?? []).map((e: { resource: { id: string } }) => e.resource.id)).toEqual([JSON.parse(one.text).id]);
    const url = `https://example.org/fhir/Questionnaire/${randomBytes(2_500).toString('hex')}`;
    const questionnaire = await send('POST', 'Questionnaire', JSON.stringify({ resourceType: 'Questionnaire', status: 'draft', url }));
    expect(questionnaire.status).toBe(201);
    const byUrl = await send('GET', `Questionnaire?url=${encodeURIComponent(url)}`);
    expect(byUrl.status).toBe(200);
    expect(JSON.parse(byUrl.text).entry?.map((e: { resource: { id: string } }) => e.resource.id)).toEqual([JSON.parse(questionnaire.text).id]);
  });

  it('refuses a Patient whose extension is not a list, registered by staff, with 400 naming it, not a 500 from a rule', async () => {
    const caseworker = await suite.server.createAccount({ role: 'caseworker' });
    const { access_token } = await suite.server.login(caseworker.username, caseworker.password);
    const body = JSON.stringify({ resourceType: 'Patient', extension: { url: 'x' } });
    const res = await send('POST', 'Patient', body, { Authorization: `Bearer ${access_token}` });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.text).toContain('Patient.extension');
  });
});

describe('after all of that', () => {
  it('the server is alive and serves as before', async () => {
    const health = await rawRequest(`${suite.server.origin}/healthz`, { method: 'GET' });
    expect(health.status).toBe(200);
    const created = await send('POST', 'Patient', JSON.stringify({ resourceType: 'Patient', name: [{ family: 'Afterwards' }] }));
    expect(created.status).toBe(201);
  });
});
