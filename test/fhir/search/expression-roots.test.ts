import { evalFhirPathTyped, parseFhirPath, toTypedValue } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listSearchParameters, loadDefinitions } from '../../../server/fhir/definitions.js';
import { expressionRoots, hasAnyElement } from '../../../server/fhir/search/expression-roots.js';

const roots = (expression: string): string[] | undefined => expressionRoots(parseFhirPath(expression));

describe('expressionRoots', () => {
  it('names the top-level element of each branch of a path expression', () => {
    expect(roots('Patient.name.given')).toEqual(['name']);
    expect(roots('Patient.name | Patient.contact.name')).toEqual(['name', 'contact']);
    expect(roots("Patient.telecom.where(system='phone')")).toEqual(['telecom']);
    expect(roots('(Observation.value as Quantity)')).toEqual(['value']);
    expect(roots('Observation.subject.where(resolve() is Patient)')).toEqual(['subject']);
    expect(roots("Patient.extension('https://hiwa.health/x').value")).toEqual(['extension']);
  });

  it('gives up on expressions that can yield a value from an empty resource', () => {
    expect(roots('Patient.deceased.exists() and Patient.deceased != false')).toBeUndefined();
    expect(roots('Patient.name.exists()')).toBeUndefined();
    expect(roots('Patient.name | Patient.link.count()')).toBeUndefined();
  });
});

describe('hasAnyElement', () => {
  it('finds elements under their own and their choice-type names', () => {
    expect(hasAnyElement(['resourceType', 'name'], ['name'])).toBe(true);
    expect(hasAnyElement(['deceasedBoolean'], ['deceased'])).toBe(true);
    expect(hasAnyElement(['names'], ['name'])).toBe(false);
    expect(hasAnyElement(['gender'], ['name', 'contact'])).toBe(false);
  });
});

describe('skipping expressions whose elements are absent', () => {
  it('never loses a value, over every R4 example of the types Hiwa uses', () => {
    loadDefinitions();
    const dir = dirname(createRequire(import.meta.url).resolve('hl7.fhir.r4.examples/package.json'));
    const types = ['Patient', 'Observation', 'Encounter', 'EpisodeOfCare', 'Questionnaire', 'QuestionnaireResponse', 'Consent', 'Task', 'Flag', 'Condition'];
    let skipped = 0;
    for (const file of readdirSync(dir).filter((f) => types.includes(f.split('-')[0]))) {
      const resource = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Resource;
      const keys = Object.keys(resource);
      for (const def of listSearchParameters(resource.resourceType)) {
        const expression = parseFhirPath(def.expression);
        const elements = expressionRoots(expression);
        if (elements && !hasAnyElement(keys, elements)) {
          skipped++;
          expect(evalFhirPathTyped(expression, [toTypedValue(resource)]), `${file} ${def.code}`).toEqual([]);
        }
      }
    }
    expect(skipped).toBeGreaterThan(1000);
  });
});
