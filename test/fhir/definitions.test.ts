import { describe, expect, it } from 'vitest';
import {
  expandValueSet,
  getHiwaCodeSystem,
  getHiwaStructureDefinition,
  getPatientCompartmentParams,
  getSearchParameter,
  getValueSet,
  isResourceType,
  listResourceTypes,
  listSearchParameters,
} from '../../server/fhir/definitions.js';

const HIWA = 'https://hiwa.health/fhir';

describe('resource types', () => {
  it('are the concrete R4 resource types', () => {
    expect(isResourceType('Patient')).toBe(true);
    expect(isResourceType('EpisodeOfCare')).toBe(true);
    expect(isResourceType('Bundle')).toBe(true);
    expect(listResourceTypes()).toEqual(expect.arrayContaining(['Account', 'Binary', 'Parameters', 'VisionPrescription']));
  });

  it('exclude abstract types, data types, profiles and Medplum-only types', () => {
    for (const type of ['Resource', 'DomainResource', 'HumanName', 'vitalsigns', 'Bot', 'Project', 'patient']) {
      expect(isResourceType(type), type).toBe(false);
    }
  });
});

describe('search parameters', () => {
  it('keep only the branch of a shared R4 expression that belongs to the type', () => {
    // R4: "Patient.name.family | Practitioner.name.family"
    expect(getSearchParameter('Patient', 'family')?.expression).toBe('Patient.name.family');
    expect(getSearchParameter('Practitioner', 'family')?.expression).toBe('Practitioner.name.family');
  });

  it('keep type filters such as where(resolve() is Patient) and as casts', () => {
    expect(getSearchParameter('Observation', 'patient')).toMatchObject({
      type: 'reference',
      expression: 'Observation.subject.where((resolve() is Patient))',
      targets: ['Patient'],
    });
    expect(getSearchParameter('Patient', 'death-date')?.expression).toBe('(Patient.deceased as dateTime)');
  });

  it('turn the R4 function form .as(T), which filters nothing, into ofType(T)', () => {
    expect(getSearchParameter('Condition', 'onset-date')?.expression).toBe(
      'Condition.onset.ofType(dateTime) | Condition.onset.ofType(Period)',
    );
  });

  it('give reference parameters their target types', () => {
    expect(getSearchParameter('Observation', 'subject')?.targets).toEqual(
      expect.arrayContaining(['Patient', 'Group', 'Location', 'Device']),
    );
    expect(getSearchParameter('Patient', 'name')?.targets).toEqual([]);
  });

  it('include the common meta parameters re-rooted at each type', () => {
    expect(getSearchParameter('Encounter', '_tag')).toMatchObject({ type: 'token', expression: 'Encounter.meta.tag' });
    expect(getSearchParameter('Flag', '_profile')).toMatchObject({ type: 'uri', expression: 'Flag.meta.profile' });
  });

  it('leave out _id and _lastUpdated (columns of the store) and parameters without an expression', () => {
    for (const code of ['_id', '_lastUpdated', '_text', '_content', '_query']) {
      expect(getSearchParameter('Patient', code), code).toBeUndefined();
    }
  });

  it("include Hiwa's own parameters", () => {
    expect(getSearchParameter('Patient', 'population-group')).toMatchObject({
      type: 'token',
      url: `${HIWA}/SearchParameter/Patient-population-group`,
    });
    expect(getSearchParameter('Patient', 'governorate')).toMatchObject({ type: 'string', expression: 'Patient.address.state' });
    expect(getSearchParameter('Encounter', 'service-type')?.expression).toBe('Encounter.serviceType');
  });

  it('are listed per type, composite and special ones included with their type', () => {
    const codes = listSearchParameters('Observation').map((p) => `${p.code}:${p.type}`);
    expect(codes).toEqual(expect.arrayContaining(['code:token', 'value-quantity:quantity', 'code-value-concept:composite']));
    expect(listSearchParameters('Location').find((p) => p.code === 'near')?.type).toBe('special');
    expect(listSearchParameters('NoSuchType')).toEqual([]);
  });
});

describe('patient compartment', () => {
  it('lists the reference parameters that place a resource in a patient compartment', () => {
    expect(getPatientCompartmentParams('Observation')).toEqual(['subject', 'performer']);
    expect(getPatientCompartmentParams('EpisodeOfCare')).toEqual(['patient']);
    expect(getPatientCompartmentParams('Patient')).toEqual(['link']);
  });

  it('is empty for types outside the compartment', () => {
    expect(getPatientCompartmentParams('Organization')).toEqual([]);
    expect(getPatientCompartmentParams('Questionnaire')).toEqual([]);
  });
});

describe('terminology', () => {
  it("gives Hiwa's code systems and the value sets of R4 and Hiwa", () => {
    expect(getHiwaCodeSystem(`${HIWA}/CodeSystem/population-group`)?.concept?.map((c) => c.code)).toEqual([
      'idp',
      'returnee',
      'host-community',
      'refugee',
      'migrant',
    ]);
    expect(getHiwaCodeSystem('http://hl7.org/fhir/administrative-gender')).toBeUndefined();
    expect(getValueSet('http://hl7.org/fhir/ValueSet/administrative-gender')?.compose).toBeDefined();
    expect(getValueSet(`${HIWA}/ValueSet/modality`)?.compose?.include[0].system).toBe(`${HIWA}/CodeSystem/modality`);
  });

  it('expands value sets, including v3 code systems and versioned references', () => {
    expect(expandValueSet('http://hl7.org/fhir/ValueSet/administrative-gender|4.0.1')).toEqual(
      new Map([['http://hl7.org/fhir/administrative-gender', new Set(['male', 'female', 'other', 'unknown'])]]),
    );
    const marital = expandValueSet('http://hl7.org/fhir/ValueSet/marital-status');
    expect(marital?.get('http://terminology.hl7.org/CodeSystem/v3-MaritalStatus')).toContain('W');
  });

  it('does not expand what it cannot expand in full', () => {
    expect(expandValueSet('http://hl7.org/fhir/ValueSet/mimetypes')).toBeUndefined(); // BCP 13, no code system
    expect(expandValueSet('http://hl7.org/fhir/ValueSet/no-such-value-set')).toBeUndefined();
  });
});

describe("Hiwa's structure definitions", () => {
  it('come with a snapshot', () => {
    const patient = getHiwaStructureDefinition(`${HIWA}/StructureDefinition/hiwa-patient`);
    const ids = patient?.snapshot?.element.map((e) => e.id);
    expect(ids).toContain('Patient.extension:populationGroup.url');
    expect(patient?.snapshot?.element.find((e) => e.id === 'Patient.name')?.min).toBe(1);
  });

  it('are only Hiwa’s', () => {
    expect(getHiwaStructureDefinition('http://hl7.org/fhir/StructureDefinition/Patient')).toBeUndefined();
  });
});
