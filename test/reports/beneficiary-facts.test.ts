import { describe, expect, it } from 'vitest';
import { beneficiaryFactsOf } from '../../server/reports/beneficiary-facts.js';

describe("a beneficiary's disaggregation facts, from their Patient", () => {
  it('takes the codes as recorded: gender, birth date, marital status, population group, disability, governorate', () => {
    expect(
      beneficiaryFactsOf({
        resourceType: 'Patient',
        gender: 'female',
        birthDate: '1990',
        maritalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus', code: 'W' }] },
        extension: [
          { url: 'https://hiwa.health/fhir/StructureDefinition/population-group', valueCoding: { code: 'idp' } },
          { url: 'https://hiwa.health/fhir/StructureDefinition/disability', valueCoding: { code: 'no' } },
        ],
        address: [{ state: 'Dahuk' }, { state: 'Erbil' }],
      }),
    ).toEqual({ gender: 'female', birthDate: '1990', maritalStatus: 'W', populationGroup: 'idp', disability: 'no', governorate: 'Dahuk' });
  });

  it('leaves out what is not recorded, so the report counts it as unknown', () => {
    expect(beneficiaryFactsOf({ resourceType: 'Patient', extension: [{ url: 'https://example.org/other', valueCoding: { code: 'x' } }] })).toEqual({});
  });
});
