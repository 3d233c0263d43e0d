import { describe, expect, it } from 'vitest';
import { formatScope, grantScopes, parseScope, parseScopes, scopesAllow } from '../../server/auth/smart-scopes.js';

describe('parseScope: SMART v1 syntax', () => {
  it('read is read + search, write is create + update + delete, * is everything', () => {
    expect(parseScope('system/Patient.read')).toEqual({ context: 'system', resourceType: 'Patient', interactions: ['read', 'search'], syntax: 'v1' });
    expect(parseScope('system/Observation.write')?.interactions).toEqual(['create', 'update', 'delete']);
    expect(parseScope('system/*.*')).toEqual({
      context: 'system',
      resourceType: '*',
      interactions: ['create', 'read', 'update', 'delete', 'search'],
      syntax: 'v1',
    });
    expect(parseScope('user/Patient.read')?.context).toBe('user');
    expect(parseScope('patient/*.read')?.context).toBe('patient');
  });
});

describe('parseScope: SMART v2 syntax', () => {
  it('letters from cruds, in that order', () => {
    expect(parseScope('system/Patient.rs')).toEqual({ context: 'system', resourceType: 'Patient', interactions: ['read', 'search'], syntax: 'v2' });
    expect(parseScope('system/*.cruds')?.interactions).toEqual(['create', 'read', 'update', 'delete', 'search']);
    expect(parseScope('system/Encounter.c')?.interactions).toEqual(['create']);
    expect(parseScope('system/Encounter.ud')?.interactions).toEqual(['update', 'delete']);
  });

  it('keeps a query restriction', () => {
    expect(parseScope('system/Observation.rs?category=survey')).toEqual({
      context: 'system',
      resourceType: 'Observation',
      interactions: ['read', 'search'],
      syntax: 'v2',
      query: 'category=survey',
    });
  });

  it('rejects letters out of order, repeated or unknown, and malformed scopes', () => {
    for (const bad of ['system/Patient.sr', 'system/Patient.rr', 'system/Patient.x', 'system/Patient.', 'system/patient.rs', 'Patient.rs', 'system/Patient', 'openid', 'launch/patient', 'system/Patient.read?x=1', '']) {
      expect(parseScope(bad), bad).toBeUndefined();
    }
  });
});

describe('parseScopes and scopesAllow', () => {
  it('parses a space-separated string, skipping non-resource scopes', () => {
    expect(parseScopes('openid system/Patient.rs  system/Observation.read fhirUser').map(formatScope)).toEqual(['system/Patient.rs', 'system/Observation.read']);
  });

  it('answers per resource type and interaction', () => {
    const scopes = parseScopes(['system/Patient.rs', 'system/Observation.c', 'system/Condition.rs?code=F32']);
    expect(scopesAllow(scopes, 'Patient', 'read')).toBe(true);
    expect(scopesAllow(scopes, 'Patient', 'search')).toBe(true);
    expect(scopesAllow(scopes, 'Patient', 'update')).toBe(false);
    expect(scopesAllow(scopes, 'Observation', 'create')).toBe(true);
    expect(scopesAllow(scopes, 'Observation', 'read')).toBe(false);
    expect(scopesAllow(scopes, 'Condition', 'read')).toBe(false); // restricted by a query: not for every Condition
    expect(scopesAllow(parseScopes('system/*.read'), 'Encounter', 'search')).toBe(true);
  });
});

describe('grantScopes: requested ∩ allowed', () => {
  it('grants what is both requested and allowed, in the syntax requested', () => {
    expect(grantScopes('system/Patient.read', ['system/*.read'])).toEqual(['system/Patient.read']);
    expect(grantScopes('system/Patient.rs', ['system/*.read'])).toEqual(['system/Patient.rs']);
    expect(grantScopes('system/*.read', ['system/Patient.rs', 'system/Observation.rs'])).toEqual(['system/Patient.read', 'system/Observation.read']);
  });

  it('narrows interactions, falling back to v2 when v1 cannot say it', () => {
    expect(grantScopes('system/*.*', ['system/*.read'])).toEqual(['system/*.read']);
    expect(grantScopes('system/Patient.read', ['system/Patient.r'])).toEqual(['system/Patient.r']);
    expect(grantScopes('system/Patient.cruds', ['system/*.rs'])).toEqual(['system/Patient.rs']);
  });

  it('grants nothing outside the allowance, and nothing but system scopes', () => {
    expect(grantScopes('system/Patient.write', ['system/*.read'])).toEqual([]);
    expect(grantScopes('system/Patient.read', ['system/Observation.read'])).toEqual([]);
    expect(grantScopes('user/Patient.read patient/*.read openid', ['system/*.*'])).toEqual([]);
  });

  it('never grants a scope narrowed by a query, from either side: access rules would not apply the query', () => {
    expect(grantScopes('system/Observation.rs?category=survey', ['system/*.rs'])).toEqual([]);
    expect(grantScopes('system/Observation.rs', ['system/Observation.rs?category=survey'])).toEqual([]);
    expect(grantScopes('system/Observation.rs?category=survey system/Patient.rs', ['system/*.rs'])).toEqual(['system/Patient.rs']);
  });
});
