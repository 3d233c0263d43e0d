import { describe, expect, it } from 'vitest';
import { FHIR_JSON, negotiateFormat } from '../../server/http/content-negotiation.js';
import { bearer } from '../support/http.js';
import { useTestServer } from '../support/suite.js';

const PLAIN_JSON = 'application/json; charset=utf-8';

describe('negotiateFormat (http.html#mime)', () => {
  it.each([
    [undefined, undefined, FHIR_JSON],
    ['application/fhir+json', undefined, FHIR_JSON],
    ['application/json', undefined, PLAIN_JSON],
    ['application/json+fhir', undefined, FHIR_JSON],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', undefined, FHIR_JSON],
    ['application/fhir+xml;q=1, application/json;q=0.5', undefined, PLAIN_JSON],
    ['application/*', undefined, FHIR_JSON],
    ['application/fhir+xml', undefined, undefined],
    ['text/html', undefined, undefined],
    ['application/json;q=0', undefined, undefined],
    ['application/fhir+xml', 'json', FHIR_JSON],
    [undefined, 'application/json', PLAIN_JSON],
    [undefined, 'application/fhir+json', FHIR_JSON],
    ['application/json', 'xml', undefined],
    [undefined, 'html', undefined],
    [undefined, 'text/turtle', undefined],
  ])('Accept %s, _format %s → %s', (accept, format, expected) => {
    expect(negotiateFormat(accept, format)).toBe(expected);
  });
});

describe('what a ministry integrator sends', () => {
  const suite = useTestServer();
  const get = (path: string, accept?: string) =>
    fetch(`${suite.server.fhirBase}/${path}`, { headers: { ...bearer(suite.server.token), ...(accept ? { Accept: accept } : {}) } });

  it('Accept: application/json is answered as application/json, _format=json as FHIR JSON', async () => {
    const plain = await get('Patient?_count=1', 'application/json');
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe(PLAIN_JSON);
    expect((await plain.json()).resourceType).toBe('Bundle');
    const format = await get('Patient?_count=1&_format=json', 'application/xml');
    expect(format.status).toBe(200);
    expect(format.headers.get('content-type')).toBe(FHIR_JSON);
    const metadata = await get('metadata?_format=application/json');
    expect(metadata.headers.get('content-type')).toBe(PLAIN_JSON);
  });

  it('a request without a valid token is refused in the media type asked for', async () => {
    for (const [accept, type] of [['application/json', PLAIN_JSON], ['application/fhir+json', FHIR_JSON], [undefined, FHIR_JSON]] as const) {
      const res = await fetch(`${suite.server.fhirBase}/Patient`, { headers: accept ? { Accept: accept } : {} });
      expect(res.status, accept).toBe(401);
      expect(res.headers.get('content-type'), accept).toBe(type);
      expect(await res.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'login' }] });
    }
    const bad = await fetch(`${suite.server.fhirBase}/Patient?_format=json`, { headers: { Accept: 'application/xml', Authorization: 'Bearer not-a-token' } });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('content-type')).toBe(FHIR_JSON);
  });

  it('XML or HTML asked for is a 406 OperationOutcome naming _format', async () => {
    for (const [path, accept] of [['Patient', 'application/fhir+xml'], ['Patient?_format=xml', undefined], ['metadata', 'text/html'], ['Patient/x?_format=html', undefined]] as const) {
      const res = await get(path, accept);
      expect(res.status, `${path} ${accept}`).toBe(406);
      const body = await res.json();
      expect(body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'not-supported', expression: ['_format'] }] });
    }
  });

  it('a POST labelled application/json+fhir is read as FHIR JSON', async () => {
    const res = await fetch(`${suite.server.fhirBase}/Patient`, {
      method: 'POST',
      headers: { ...bearer(suite.server.token), 'Content-Type': 'application/json+fhir' },
      body: JSON.stringify({ resourceType: 'Patient', name: [{ family: 'Rashid' }] }),
    });
    expect(res.status).toBe(201);
  });
});
