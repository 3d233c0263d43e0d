import { evalFhirPathTyped, FhirPathAtom, parseFhirPath, toTypedValue } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntheticObservation, syntheticPatient, syntheticService } from '../../../seed/synthetic.js';
import { unionBranches } from '../../../server/fhir/conformance/search-params.js';
import { listSearchParameters, loadDefinitions } from '../../../server/fhir/definitions.js';
import { memberPath, readMemberPath } from '../../../server/fhir/search/member-path.js';

loadDefinitions();
const pathOf = (expression: string, type: string) => memberPath(parseFhirPath(expression).child, type);

describe('memberPath', () => {
  it('takes an expression that only names elements, with the type of the last one', () => {
    expect(pathOf('Patient.name.given', 'Patient')).toEqual({ keys: ['name', 'given'], type: 'string' });
    expect(pathOf('Patient.contact.name', 'Patient')).toEqual({ keys: ['contact', 'name'], type: 'HumanName' });
    expect(pathOf('Observation.subject', 'Observation')).toEqual({ keys: ['subject'], type: 'Reference' });
    expect(pathOf('Patient.gender', 'Patient')).toEqual({ keys: ['gender'], type: 'code' });
  });

  it('leaves anything else to FHIRPath: functions, as, indexes, choices of type, contained resources, another root', () => {
    for (const [expression, type] of [
      ["Patient.telecom.where(system='phone')", 'Patient'],
      ['(Observation.value as Quantity)', 'Observation'],
      ['Observation.value', 'Observation'],
      ['Patient.deceased', 'Patient'],
      ['Patient.name[0]', 'Patient'],
      ['Bundle.entry.resource', 'Bundle'],
      ['Practitioner.name', 'Patient'],
      ['Patient', 'Patient'],
      ["Patient.extension('https://hiwa.health/x').value", 'Patient'],
    ]) {
      expect(pathOf(expression, type), expression).toBeUndefined();
    }
  });
});

describe('readMemberPath', () => {
  it('gives no answer where an element on the way has primitive extensions: FHIRPath reads those', () => {
    const path = pathOf('Patient.birthDate', 'Patient');
    expect(path).toBeDefined();
    if (!path) return;
    expect(readMemberPath(path, { resourceType: 'Patient', birthDate: '1990-01-01', _birthDate: { extension: [] } })).toBeUndefined();
    expect(readMemberPath(path, { resourceType: 'Patient', birthDate: '1990-01-01' })).toEqual([{ type: 'date', value: '1990-01-01' }]);
  });

  it('an empty value (an empty string, list or object) yields nothing, as in FHIRPath', () => {
    const resource = { resourceType: 'Patient', gender: '', name: [], contact: [{}, { name: {} }], managingOrganization: {} };
    for (const expression of ['Patient.gender', 'Patient.name.given', 'Patient.contact.name', 'Patient.contact.name.family', 'Patient.managingOrganization']) {
      const path = pathOf(expression, 'Patient');
      expect(path && readMemberPath(path, resource), expression).toEqual(evalFhirPathTyped(parseFhirPath(expression), [toTypedValue(resource)]));
      expect(path && readMemberPath(path, resource), expression).toEqual([]);
    }
  });

  it('reads exactly what FHIRPath gives, in the same order, for every search parameter of every R4 example and of synthetic records', () => {
    const dir = dirname(createRequire(import.meta.url).resolve('hl7.fhir.r4.examples/package.json'));
    const examples = readdirSync(dir)
      .filter((f) => f.endsWith('.json') && f !== 'package.json' && !f.startsWith('.'))
      .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Resource)
      .filter((r) => typeof r.resourceType === 'string');
    const resources = [...examples, syntheticPatient(1), syntheticObservation(1, 'Patient/p'), syntheticService(1, 'Patient/p')];
    let compared = 0;
    let valuesCompared = 0;
    for (const resource of resources) {
      const input = [toTypedValue(resource)];
      for (const def of listSearchParameters(resource.resourceType)) {
        for (const atom of unionBranches(parseFhirPath(def.expression).child)) {
          const path = memberPath(atom, resource.resourceType);
          const read = path && readMemberPath(path, resource);
          if (!read) continue;
          const expected = evalFhirPathTyped(new FhirPathAtom(atom.toString(), atom), input);
          expect(read, `${resource.resourceType}/${resource.id} ${def.code}: ${atom.toString()}`).toEqual(expected);
          compared++;
          valuesCompared += read.length;
        }
      }
    }
    // every example file and most of their parameters: the comparison covers the paths that matter
    expect(resources.length).toBeGreaterThan(5000);
    expect(compared).toBeGreaterThan(100_000);
    expect(valuesCompared).toBeGreaterThan(100_000);
  });
});
