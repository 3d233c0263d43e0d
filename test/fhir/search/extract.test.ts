import type { Encounter, Observation, Patient, Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import type { IndexRows } from '../../../server/fhir/search/index-rows.js';
import { extractIndexRows } from '../../../server/fhir/search/extract.js';

const HIWA = 'https://hiwa.health/fhir';

/** The rows of one parameter, without the parameter name. */
function rowsOf<T extends keyof IndexRows>(resource: Resource, type: T, param: string): Omit<IndexRows[T][number], 'param'>[] {
  return (extractIndexRows(resource)[type] as IndexRows[T][number][])
    .filter((row) => row.param === param)
    .map(({ param: _param, ...rest }) => rest);
}

describe('string parameters', () => {
  const patient: Patient = {
    resourceType: 'Patient',
    name: [{ family: 'Müller', given: ['José', 'Ana'], prefix: ['Dr.'], text: 'Dr. José Ana Müller' }],
    address: [{ line: ['12 Rue Élan'], city: 'Erbil', district: 'Soran', state: 'Erbil Governorate', postalCode: '44001', country: 'IQ' }],
  };

  it('index each part of a HumanName, and the whole name, lower case without accents', () => {
    expect(rowsOf(patient, 'string', 'name')).toEqual([
      { value: 'muller', exact: 'Müller' },
      { value: 'jose', exact: 'José' },
      { value: 'ana', exact: 'Ana' },
      { value: 'dr.', exact: 'Dr.' },
      { value: 'dr. jose ana muller', exact: 'Dr. José Ana Müller' },
    ]);
    expect(rowsOf(patient, 'string', 'family')).toEqual([{ value: 'muller', exact: 'Müller' }]);
  });

  it('keep Arabic-script names in their letters', () => {
    const arabic: Patient = { resourceType: 'Patient', name: [{ given: ['محمد'], family: 'ڕێبوار' }] };
    expect(rowsOf(arabic, 'string', 'given')).toEqual([{ value: 'محمد', exact: 'محمد' }]);
    expect(rowsOf(arabic, 'string', 'family')).toEqual([{ value: 'ڕێبوار', exact: 'ڕێبوار' }]);
  });

  it('index each part of an Address, and its parts under their own parameters', () => {
    expect(rowsOf(patient, 'string', 'address').map((r) => r.exact)).toEqual([
      '12 Rue Élan',
      'Erbil',
      'Soran',
      'Erbil Governorate',
      '44001',
      'IQ',
    ]);
    expect(rowsOf(patient, 'string', 'address-city')).toEqual([{ value: 'erbil', exact: 'Erbil' }]);
    expect(rowsOf(patient, 'string', 'governorate')).toEqual([{ value: 'erbil governorate', exact: 'Erbil Governorate' }]);
    expect(rowsOf(patient, 'string', 'district')).toEqual([{ value: 'soran', exact: 'Soran' }]);
  });

  it('index plain strings as written', () => {
    expect(rowsOf({ resourceType: 'Organization', name: 'Hiwa Centre — Duhok' }, 'string', 'name')).toEqual([
      { value: 'hiwa centre — duhok', exact: 'Hiwa Centre — Duhok' },
    ]);
  });
});

describe('token parameters', () => {
  it('index every coding of a CodeableConcept with its display, and its text on its own', () => {
    const observation: Observation = {
      resourceType: 'Observation',
      status: 'final',
      code: {
        coding: [
          { system: 'http://loinc.org', code: '44261-6', display: 'PHQ-9 total' },
          { system: `${HIWA}/CodeSystem/hiwa-scores`, code: 'phq9' },
        ],
        text: 'Dépression',
      },
    };
    expect(rowsOf(observation, 'token', 'code')).toEqual([
      { system: 'http://loinc.org', code: '44261-6', text: 'phq-9 total' },
      { system: `${HIWA}/CodeSystem/hiwa-scores`, code: 'phq9', text: null },
      { system: null, code: null, text: 'depression' },
    ]);
    expect(rowsOf(observation, 'token', 'status')).toEqual([{ system: null, code: 'final', text: null }]);
  });

  it('index Identifier as system|value with its type text, ContactPoint by value, booleans as true/false', () => {
    const patient: Patient = {
      resourceType: 'Patient',
      active: true,
      gender: 'female',
      identifier: [{ system: 'urn:hiwa:case', value: 'C-001', type: { text: 'Case number' } }],
      telecom: [
        { system: 'phone', value: '+964 750 000 0000' },
        { system: 'email', value: 'a@example.org' },
      ],
    };
    expect(rowsOf(patient, 'token', 'identifier')).toEqual([{ system: 'urn:hiwa:case', code: 'C-001', text: 'case number' }]);
    expect(rowsOf(patient, 'token', 'phone')).toEqual([{ system: null, code: '+964 750 000 0000', text: null }]);
    expect(rowsOf(patient, 'token', 'telecom')).toHaveLength(2);
    expect(rowsOf(patient, 'token', 'active')).toEqual([{ system: null, code: 'true', text: null }]);
    expect(rowsOf(patient, 'token', 'gender')).toEqual([{ system: null, code: 'female', text: null }]);
  });

  it("index Hiwa's extensions through Hiwa's search parameters", () => {
    const patient: Patient = {
      resourceType: 'Patient',
      extension: [
        { url: `${HIWA}/StructureDefinition/population-group`, valueCoding: { system: `${HIWA}/CodeSystem/population-group`, code: 'idp' } },
        { url: `${HIWA}/StructureDefinition/disability`, valueCoding: { system: `${HIWA}/CodeSystem/disability-status`, code: 'not-disclosed' } },
      ],
    };
    expect(rowsOf(patient, 'token', 'population-group')).toEqual([
      { system: `${HIWA}/CodeSystem/population-group`, code: 'idp', text: null },
    ]);
    expect(rowsOf(patient, 'token', 'disability')).toEqual([
      { system: `${HIWA}/CodeSystem/disability-status`, code: 'not-disclosed', text: null },
    ]);
  });
});

describe('date parameters', () => {
  it('widen partial dates to the range they stand for', () => {
    expect(rowsOf({ resourceType: 'Patient', birthDate: '1990' }, 'date', 'birthdate')).toEqual([
      { low: '1990-01-01T00:00:00.000Z', high: '1991-01-01T00:00:00.000Z' },
    ]);
    expect(rowsOf({ resourceType: 'Patient', birthDate: '2020-02' }, 'date', 'birthdate')).toEqual([
      { low: '2020-02-01T00:00:00.000Z', high: '2020-03-01T00:00:00.000Z' },
    ]);
  });

  it('read a dateTime without a zone as UTC, and convert one with a zone', () => {
    const at = (effectiveDateTime: string): Observation => ({ resourceType: 'Observation', status: 'final', code: {}, effectiveDateTime });
    expect(rowsOf(at('2024-05-01T10:00:00'), 'date', 'date')).toEqual([
      { low: '2024-05-01T10:00:00.000Z', high: '2024-05-01T10:00:01.000Z' },
    ]);
    expect(rowsOf(at('2024-05-01T10:00:00+03:00'), 'date', 'date')).toEqual([
      { low: '2024-05-01T07:00:00.000Z', high: '2024-05-01T07:00:01.000Z' },
    ]);
  });

  it('run a Period from the start of its start to the end of its end, open where a bound is missing', () => {
    const encounter = (period: Encounter['period']): Encounter => ({ resourceType: 'Encounter', status: 'finished', class: {}, period });
    expect(rowsOf(encounter({ start: '2024-01-10', end: '2024-01-12' }), 'date', 'date')).toEqual([
      { low: '2024-01-10T00:00:00.000Z', high: '2024-01-13T00:00:00.000Z' },
    ]);
    expect(rowsOf(encounter({ start: '2024-01-10' }), 'date', 'date')).toEqual([{ low: '2024-01-10T00:00:00.000Z', high: 'infinity' }]);
    expect(rowsOf(encounter({ end: '2024-01-10' }), 'date', 'date')).toEqual([{ low: '-infinity', high: '2024-01-11T00:00:00.000Z' }]);
  });
});

describe('number and quantity parameters', () => {
  it('index a score with the range of its implicit precision', () => {
    const score: Observation = { resourceType: 'Observation', status: 'final', code: {}, valueInteger: 100 };
    expect(rowsOf(score, 'number', 'value-integer')).toEqual([{ value: '100', low: '99.5', high: '100.5' }]);
  });

  it('index decimals exactly, as decimal strings', () => {
    const risk: Resource = { resourceType: 'RiskAssessment', status: 'final', subject: { reference: 'Patient/1' }, prediction: [{ probabilityDecimal: 0.25 }] };
    expect(rowsOf(risk, 'number', 'probability')).toEqual([{ value: '0.25', low: '0.245', high: '0.255' }]);
  });

  it('index a quantity with its system and code, and its unit as a code of no system', () => {
    const weight: Observation = {
      resourceType: 'Observation',
      status: 'final',
      code: {},
      valueQuantity: { value: 1.5, unit: 'milligram', system: 'http://unitsofmeasure.org', code: 'mg' },
    };
    expect(rowsOf(weight, 'quantity', 'value-quantity')).toEqual([
      { value: '1.5', low: '1.45', high: '1.55', system: 'http://unitsofmeasure.org', code: 'mg' },
      { value: '1.5', low: '1.45', high: '1.55', system: null, code: 'milligram' },
    ]);
  });
});

describe('reference parameters', () => {
  const observation = (reference: string): Observation => ({ resourceType: 'Observation', status: 'final', code: {}, subject: { reference } });

  it('index a local reference as type and id, a version included', () => {
    expect(rowsOf(observation('Patient/p1'), 'reference', 'subject')).toEqual([{ targetType: 'Patient', targetId: 'p1', targetUrl: null }]);
    expect(rowsOf(observation('Patient/p1/_history/3'), 'reference', 'subject')).toEqual([
      { targetType: 'Patient', targetId: 'p1', targetUrl: null },
    ]);
  });

  it('index the type-restricted parameter only for references to that type', () => {
    expect(rowsOf(observation('Patient/p1'), 'reference', 'patient')).toHaveLength(1);
    expect(rowsOf(observation('Group/g1'), 'reference', 'patient')).toEqual([]);
    expect(rowsOf(observation('Group/g1'), 'reference', 'subject')).toEqual([{ targetType: 'Group', targetId: 'g1', targetUrl: null }]);
  });

  it('keep absolute and unknown-type references as written, with no type or id', () => {
    expect(rowsOf(observation('https://other.example/fhir/Patient/9'), 'reference', 'subject')).toEqual([
      { targetType: null, targetId: null, targetUrl: 'https://other.example/fhir/Patient/9' },
    ]);
    expect(rowsOf(observation('Alien/1'), 'reference', 'subject')).toEqual([{ targetType: null, targetId: null, targetUrl: 'Alien/1' }]);
  });

  it('skip references to contained resources and references without a literal', () => {
    expect(rowsOf(observation('#p'), 'reference', 'subject')).toEqual([]);
    const byIdentifier: Observation = { resourceType: 'Observation', status: 'final', code: {}, subject: { identifier: { value: 'x' } } };
    expect(rowsOf(byIdentifier, 'reference', 'subject')).toEqual([]);
  });

  it('index canonical references as URLs', () => {
    const response: Resource = { resourceType: 'QuestionnaireResponse', status: 'completed', questionnaire: `${HIWA}/Questionnaire/phq9|1.0` };
    expect(rowsOf(response, 'reference', 'questionnaire')).toEqual([
      { targetType: null, targetId: null, targetUrl: `${HIWA}/Questionnaire/phq9|1.0` },
    ]);
  });
});

describe('uri parameters', () => {
  it('index uri, url and canonical values as written', () => {
    const questionnaire: Resource = { resourceType: 'Questionnaire', status: 'active', url: `${HIWA}/Questionnaire/phq9`, meta: { profile: [`${HIWA}/StructureDefinition/x`] } };
    expect(rowsOf(questionnaire, 'uri', 'url')).toEqual([{ value: `${HIWA}/Questionnaire/phq9` }]);
    expect(rowsOf(questionnaire, 'uri', '_profile')).toEqual([{ value: `${HIWA}/StructureDefinition/x` }]);
  });
});

describe('extractIndexRows', () => {
  it('yields identical rows once', () => {
    const twice: Patient = { resourceType: 'Patient', name: [{ family: 'Ali' }, { family: 'Ali' }] };
    expect(rowsOf(twice, 'string', 'family')).toEqual([{ value: 'ali', exact: 'Ali' }]);
  });

  it('leaves _id and _lastUpdated to the columns and composite parameters out', () => {
    const observation: Observation = {
      resourceType: 'Observation',
      id: 'o1',
      meta: { lastUpdated: '2024-01-01T00:00:00Z' },
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '44261-6' }] },
      valueCodeableConcept: { text: 'x' },
    };
    const rows = extractIndexRows(observation);
    const params = Object.values(rows).flatMap((list: { param: string }[]) => list.map((r) => r.param));
    expect(params).not.toContain('_id');
    expect(params).not.toContain('_lastUpdated');
    expect(params).not.toContain('code-value-concept');
  });

  it('gives every list, empty ones included, for a resource with nothing to index', () => {
    expect(extractIndexRows({ resourceType: 'Basic', code: {} })).toEqual({
      string: [],
      token: [],
      date: [],
      number: [],
      quantity: [],
      reference: [],
      uri: [],
    });
  });
});
