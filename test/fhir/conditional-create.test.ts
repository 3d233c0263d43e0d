import { describe, expect, it } from 'vitest';
import { conditionKey } from '../../server/fhir/interactions/conditional-create.js';
import { FhirError } from '../../server/fhir/outcomes.js';

describe('conditionKey: the name concurrent conditional creates serialise on', () => {
  it('is one name for one condition, however the criteria are written', () => {
    const key = conditionKey('Patient', 'identifier=urn:x|1&gender=female');
    expect(conditionKey('Patient', 'gender=female&identifier=urn:x|1')).toBe(key);
    expect(conditionKey('Patient', '?gender=female&identifier=urn:x|1')).toBe(key);
    expect(conditionKey('Patient', 'Patient?gender=female&identifier=urn%3Ax%7C1')).toBe(key);
    expect(conditionKey('Patient', 'identifier=urn:x|2&identifier=urn:x|1')).toBe(
      conditionKey('Patient', 'identifier=urn:x|1&identifier=urn:x|2'),
    );
  });

  it('tells other types and other criteria apart', () => {
    const key = conditionKey('Patient', 'identifier=urn:x|1');
    expect(conditionKey('Practitioner', 'identifier=urn:x|1')).not.toBe(key);
    expect(conditionKey('Patient', 'identifier=urn:x|10')).not.toBe(key);
    expect(conditionKey('Patient', 'identifier=urn:x|1&gender=male')).not.toBe(key);
  });

  it('refuses criteria without a parameter, naming If-None-Exist', () => {
    const refusal = (() => {
      try {
        conditionKey('Patient', '?');
      } catch (err) {
        return err;
      }
    })();
    expect(refusal).toBeInstanceOf(FhirError);
    expect((refusal as FhirError).status).toBe(400);
    expect((refusal as FhirError).outcome.issue?.[0].expression).toEqual(['If-None-Exist']);
  });
});
