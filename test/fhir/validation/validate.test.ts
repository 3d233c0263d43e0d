import type { Condition, Extension, OperationOutcomeIssue, Patient, Questionnaire, Resource } from '@medplum/fhirtypes';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateFhirResource } from '../../../server/fhir/validation/validate.js';

const HIWA = 'https://hiwa.health/fhir';
const SD = `${HIWA}/StructureDefinition`;
const HIWA_PATIENT = `${SD}/hiwa-patient`;

/** What a client needs from an issue: what kind of problem, and where. */
const where = (issues: OperationOutcomeIssue[]): [string, string | undefined][] =>
  issues.map((i) => [i.code, i.expression?.[0]]);

/** Loose input, as a client may send it: the point is that it is not a valid resource. */
const untyped = (value: object): Resource => value as Resource;

describe('valid resources', () => {
  const examplesDir = dirname(createRequire(import.meta.url).resolve('hl7.fhir.r4.examples/package.json'));
  const hiwaTypes = new Set([
    'Patient', 'RelatedPerson', 'Practitioner', 'PractitionerRole', 'Organization', 'Location', 'EpisodeOfCare',
    'Encounter', 'Observation', 'Questionnaire', 'QuestionnaireResponse', 'Consent', 'CarePlan', 'CareTeam',
    'ServiceRequest', 'Task', 'Flag', 'Condition', 'Group', 'AuditEvent', 'Measure', 'MeasureReport',
  ]);
  const examples = readdirSync(examplesDir)
    .filter((f) => f.endsWith('.json') && hiwaTypes.has(f.split('-')[0]))
    .map((f) => [f, JSON.parse(readFileSync(join(examplesDir, f), 'utf8')) as Resource] as const);

  it('include every R4 example of the resource types Hiwa uses, but one the R4 specification itself got wrong', () => {
    expect(examples.length).toBeGreaterThan(200);
    const failing = examples.filter(([, r]) => validateFhirResource(r).length > 0).map(([f]) => f);
    // Questionnaire-qs1 has nested items without the mandatory linkId
    expect(failing).toEqual(['Questionnaire-qs1.json']);
  });

  it("include a beneficiary that claims Hiwa's profile and uses Hiwa's extensions", () => {
    // `_birthDate` holds the extensions of the primitive birthDate; the typings have no such keys
    const patient: Patient & { _birthDate: { extension: Extension[] } } = {
      resourceType: 'Patient',
      meta: { profile: [HIWA_PATIENT] },
      extension: [
        { url: `${SD}/population-group`, valueCoding: { system: `${HIWA}/CodeSystem/population-group`, code: 'returnee' } },
        { url: `${SD}/disability`, valueCoding: { system: `${HIWA}/CodeSystem/disability-status`, code: 'no' } },
      ],
      name: [{ given: ['ئاراس'], family: 'عمر' }],
      gender: 'male',
      birthDate: '1990',
      _birthDate: { extension: [{ url: `${SD}/estimated-age`, valueBoolean: true }] },
    };
    expect(validateFhirResource(patient)).toEqual([]);
  });

  it('ignore profiles Hiwa does not ship', () => {
    const patient: Patient = { resourceType: 'Patient', meta: { profile: ['http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient'] } };
    expect(validateFhirResource(patient)).toEqual([]);
  });
});

describe('structure errors name the path', () => {
  it('an unknown property, a wrong JSON type, a malformed date', () => {
    const issues = validateFhirResource(untyped({ resourceType: 'Patient', colour: 'blue', name: [{ given: [7] }], birthDate: '1990-13-01' }));
    expect(where(issues)).toEqual(
      expect.arrayContaining([
        ['structure', 'Patient.colour'],
        ['structure', 'Patient.name[0].given[0]'],
        ['structure', 'Patient.birthDate'],
      ]),
    );
    expect(issues.every((i) => i.severity === 'error' && i.diagnostics)).toBe(true);
  });

  it('a missing required element and a list where one value belongs', () => {
    expect(where(validateFhirResource(untyped({ resourceType: 'Observation', code: { text: 'x' } })))).toEqual([
      ['structure', 'Observation.status'],
    ]);
    expect(where(validateFhirResource(untyped({ resourceType: 'Patient', gender: ['male'] })))).toEqual([
      ['structure', 'Patient.gender'],
    ]);
  });

  it('a broken invariant', () => {
    // pat-1: a contact needs a name, telecom, address or organization
    const issues = validateFhirResource(untyped({ resourceType: 'Patient', contact: [{ gender: 'female' }] }));
    expect(where(issues)).toEqual([['invariant', 'Patient.contact[0]']]);
  });

  it('an unknown resource type, as an issue rather than an exception', () => {
    expect(validateFhirResource(untyped({ resourceType: 'Spaceship' }))[0]).toMatchObject({ severity: 'error', code: 'invalid' });
  });
});

describe('required bindings', () => {
  it('reject a code outside the value set, wherever the element is', () => {
    const issues = validateFhirResource(untyped({ resourceType: 'Patient', gender: 'femme', name: [{ use: 'nick', family: 'A' }] }));
    expect(where(issues)).toEqual([
      ['code-invalid', 'Patient.gender'],
      ['code-invalid', 'Patient.name[0].use'],
    ]);
    expect(issues[0].diagnostics).toBe("'femme' is not in the required value set http://hl7.org/fhir/ValueSet/administrative-gender|4.0.1");
  });

  it('reach nested items, choice types and contained resources', () => {
    const questionnaire: Questionnaire = {
      resourceType: 'Questionnaire',
      status: 'active',
      item: [{ linkId: '1', type: 'group', item: [{ linkId: '1.1', type: 'strng' as 'string', text: 'Name' }] }],
      contained: [{ resourceType: 'Observation', status: 'done' as 'final', code: { text: 'x' }, valueQuantity: { value: 1, comparator: '~' as '<' } }],
    };
    expect(where(validateFhirResource(questionnaire))).toEqual([
      ['code-invalid', 'Questionnaire.item[0].item[0].type'],
      ['code-invalid', 'Questionnaire.contained[0].status'],
      ['code-invalid', 'Questionnaire.contained[0].valueQuantity.comparator'],
    ]);
  });

  it('judge the codings of a CodeableConcept from the value set’s systems, and leave other systems alone', () => {
    const condition: Condition = {
      resourceType: 'Condition',
      subject: { reference: 'Patient/1' },
      clinicalStatus: {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'cured' },
          { system: 'http://example.org/local-status', code: 'cured' },
        ],
      },
    };
    expect(where(validateFhirResource(condition))).toEqual([['code-invalid', 'Condition.clinicalStatus.coding[0].code']]);
  });
});

describe("Hiwa's profiles", () => {
  it('apply to a resource that claims them', () => {
    const issues = validateFhirResource({ resourceType: 'Patient', meta: { profile: [HIWA_PATIENT] } });
    expect(where(issues)).toEqual([
      ['structure', 'Patient.name'],
      ['structure', 'Patient.gender'],
    ]);
  });

  it('limit each Hiwa extension to one', () => {
    const group = (code: string) => ({ url: `${SD}/population-group`, valueCoding: { system: `${HIWA}/CodeSystem/population-group`, code } });
    const patient: Patient = {
      resourceType: 'Patient',
      meta: { profile: [`${HIWA_PATIENT}|1.0.0`] },
      name: [{ family: 'A' }],
      gender: 'female',
      extension: [group('idp'), group('refugee')],
    };
    const issues = validateFhirResource(patient);
    expect(where(issues)).toEqual([['structure', 'Patient.extension']]);
    expect(issues[0].diagnostics).toContain("slice 'populationGroup'");
  });

  it('cannot be claimed by another resource type', () => {
    const observation = untyped({ resourceType: 'Observation', meta: { profile: [HIWA_PATIENT] }, status: 'final', code: { text: 'x' } });
    expect(where(validateFhirResource(observation))).toEqual([['structure', 'Observation.meta.profile']]);
  });

  it('leave patients that do not claim them alone', () => {
    expect(validateFhirResource({ resourceType: 'Patient' })).toEqual([]);
  });
});

describe("Hiwa's extensions", () => {
  it('take only the value type their definition allows', () => {
    const patient = untyped({ resourceType: 'Patient', extension: [{ url: `${SD}/disability`, valueString: 'yes' }] });
    expect(where(validateFhirResource(patient))).toContainEqual(['structure', 'Patient.extension[0].valueString']);
  });

  it('take only codes of their value set', () => {
    const patient: Patient = {
      resourceType: 'Patient',
      extension: [{ url: `${SD}/population-group`, valueCoding: { system: `${HIWA}/CodeSystem/population-group`, code: 'tourist' } }],
    };
    const issues = validateFhirResource(patient);
    expect(where(issues)).toEqual([['code-invalid', 'Patient.extension[0].valueCoding.code']]);
    expect(issues[0].diagnostics).toContain(`${HIWA}/ValueSet/population-group`);
  });

  it('are checked on primitive elements and inside backbone elements too', () => {
    const patient = untyped({ resourceType: 'Patient', birthDate: '1990', _birthDate: { extension: [{ url: `${SD}/estimated-age`, valueInteger: 34 }] } });
    expect(where(validateFhirResource(patient))).toContainEqual(['structure', 'Patient.birthDate.extension[0].valueInteger']);
    const questionnaire = untyped({
      resourceType: 'Questionnaire',
      status: 'active',
      item: [{ linkId: '9', type: 'choice', extension: [{ url: `${SD}/critical-item`, valueCode: 'yes' }] }],
    });
    expect(where(validateFhirResource(questionnaire))).toContainEqual(['structure', 'Questionnaire.item[0].extension[0].valueCode']);
  });
});

describe('nesting', () => {
  it('refuses a resource nested 10,000 levels deep with one issue, before any check walks it', () => {
    let deep: unknown = { url: `${SD}/population-group` };
    for (let i = 0; i < 10_000; i++) deep = { extension: [deep] };
    const issues = validateFhirResource(untyped({ resourceType: 'Patient', _birthDate: deep }));
    expect(where(issues)).toEqual([['structure', 'Patient']]);
    expect(issues[0].diagnostics).toBe('The JSON is nested more than 100 levels deep');
  });
});
