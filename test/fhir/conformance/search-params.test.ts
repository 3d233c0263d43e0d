import type { SearchParameter } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { expressionForType, searchParamDefs } from '../../../server/fhir/conformance/search-params.js';

// R4 declares common parameters on the abstract base Resource; the Medplum typings only list concrete types.
const RESOURCE = ['Resource'] as unknown as SearchParameter['base'];

const param = (overrides: Partial<SearchParameter>): SearchParameter => ({
  resourceType: 'SearchParameter',
  url: 'http://example.org/SearchParameter/p',
  name: 'p',
  status: 'active',
  description: 'p',
  code: 'p',
  base: ['Patient'],
  type: 'string',
  expression: 'Patient.name',
  ...overrides,
});

describe('expressionForType', () => {
  it('keeps the branches rooted at the type, joined again with |', () => {
    const shared = 'Patient.name | Practitioner.name | Patient.contact.name';
    expect(expressionForType(shared, 'Patient')).toBe('Patient.name | Patient.contact.name');
    expect(expressionForType(shared, 'Practitioner')).toBe('Practitioner.name');
    expect(expressionForType(shared, 'Organization')).toBeUndefined();
  });

  it('compares the root symbol, not a text prefix', () => {
    expect(expressionForType('RelatedPerson.address | Person.address', 'Person')).toBe('Person.address');
  });

  it('finds the root inside parentheses, as casts and function calls', () => {
    expect(expressionForType('(Observation.value as Quantity) | (Patient.deceased as dateTime)', 'Patient')).toBe(
      '(Patient.deceased as dateTime)',
    );
    expect(expressionForType("Patient.telecom.where(system='phone') | Person.telecom", 'Patient')).toBe(
      "Patient.telecom.where((system = 'phone'))",
    );
  });

  it('rewrites the function form .as(T) to ofType(T)', () => {
    expect(expressionForType('Condition.abatement.as(Age)', 'Condition')).toBe('Condition.abatement.ofType(Age)');
  });
});

describe('searchParamDefs', () => {
  it('yields one definition per base that has a branch', () => {
    const defs = searchParamDefs(
      param({ base: ['Patient', 'Practitioner', 'Group'], expression: 'Patient.name | Practitioner.name', target: undefined }),
      [],
    );
    expect(defs.map(([type, def]) => [type, def.expression])).toEqual([
      ['Patient', 'Patient.name'],
      ['Practitioner', 'Practitioner.name'],
    ]);
    expect(defs[0][1]).toEqual({
      code: 'p',
      type: 'string',
      expression: 'Patient.name',
      targets: [],
      url: 'http://example.org/SearchParameter/p',
    });
  });

  it('applies Resource parameters to every resource type given', () => {
    const defs = searchParamDefs(param({ code: '_tag', base: RESOURCE, type: 'token', expression: 'Resource.meta.tag' }), [
      'Patient',
      'Flag',
    ]);
    expect(defs.map(([type, def]) => [type, def.expression])).toEqual([
      ['Patient', 'Patient.meta.tag'],
      ['Flag', 'Flag.meta.tag'],
    ]);
  });

  it('yields nothing for _id, _lastUpdated and parameters without an expression', () => {
    expect(searchParamDefs(param({ code: '_id', base: RESOURCE, expression: 'Resource.id' }), ['Patient'])).toEqual([]);
    expect(searchParamDefs(param({ code: '_content', expression: undefined }), ['Patient'])).toEqual([]);
  });
});
