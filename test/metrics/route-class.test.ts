import { describe, expect, it } from 'vitest';
import { mayWrite, routeClassOf } from '../../server/metrics/route-class.js';

describe('the route class of a request', () => {
  it.each([
    ['GET', '/fhir/R4/Patient/abc-123', 'fhir-read'],
    ['GET', '/fhir/R4/Patient/abc/_history/3', 'fhir-read'],
    ['GET', '/fhir/R4/Patient', 'fhir-search'],
    ['POST', '/fhir/R4/Patient/_search', 'fhir-search'],
    ['POST', '/fhir/R4/Patient', 'fhir-write'],
    ['PUT', '/fhir/R4/Patient/abc', 'fhir-write'],
    ['PATCH', '/fhir/R4/Patient/abc', 'fhir-write'],
    ['DELETE', '/fhir/R4/Patient/abc', 'fhir-write'],
    ['POST', '/fhir/R4', 'fhir-transaction'],
    ['POST', '/fhir/R4/', 'fhir-transaction'],
    ['GET', '/fhir/R4/Patient/abc/_history', 'fhir-history'],
    ['GET', '/fhir/R4/Patient/_history', 'fhir-history'],
    ['GET', '/fhir/R4/_history', 'fhir-history'],
    ['POST', '/fhir/R4/Patient/abc/$break-glass', 'fhir-operation'],
    ['GET', '/fhir/R4/Questionnaire/phq9-1.0.0/$localize', 'fhir-operation'],
    ['POST', '/fhir/R4/$validate', 'fhir-operation'],
    ['GET', '/fhir/R4/metadata', 'fhir-metadata'],
    ['GET', '/fhir/R4/.well-known/smart-configuration', 'fhir-metadata'],
    ['POST', '/auth/login', 'auth'],
    ['POST', '/oauth2/token', 'auth'],
    ['GET', '/.well-known/smart-configuration', 'auth'],
    ['POST', '/admin/users/someone/deactivate', 'admin'],
    ['GET', '/healthz', 'health'],
    ['GET', '/metrics', 'metrics'],
    ['GET', '/', 'static'],
    ['GET', '/assets/index-3f2a.js', 'static'],
    ['GET', '/patients/abc-123', 'static'],
  ])('%s %s is %s', (method, path, expected) => {
    expect(routeClassOf(method, path)).toBe(expected);
  });

  it('never carries an id: every path maps to one of the fixed classes', () => {
    const classes = new Set(['Patient/1', 'Patient/2', 'Observation/x/_history/9'].map((p) => routeClassOf('GET', `/fhir/R4/${p}`)));
    expect([...classes]).toEqual(['fhir-read']);
  });
});

describe('which requests may write', () => {
  it('counts every method but reads, and not a search sent with POST', () => {
    expect(mayWrite('POST', 'fhir-write')).toBe(true);
    expect(mayWrite('POST', 'fhir-transaction')).toBe(true);
    expect(mayWrite('POST', 'fhir-operation')).toBe(true);
    expect(mayWrite('POST', 'admin')).toBe(true);
    expect(mayWrite('DELETE', 'fhir-write')).toBe(true);
    expect(mayWrite('POST', 'fhir-search')).toBe(false);
    expect(mayWrite('GET', 'fhir-operation')).toBe(false);
    expect(mayWrite('HEAD', 'fhir-read')).toBe(false);
  });
});
