import type { Observation, Patient } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { observationSubjectIndex, syntheticObservation, syntheticPatient } from '../../seed/synthetic.js';
import { validateFhirResource } from '../../server/fhir/validation/validate.js';

const PHQ9 = 'http://loinc.org|44261-6';
const SRQ20 = 'https://hiwa.health/fhir/CodeSystem/hiwa-scores|srq20-total';
const codeOf = (o: Observation): string => `${o.code.coding?.[0]?.system}|${o.code.coding?.[0]?.code}`;

describe('synthetic data', () => {
  it('is a pure function of index and seed', () => {
    expect(syntheticPatient(73_512)).toEqual(syntheticPatient(73_512));
    expect(syntheticObservation(9, 'Patient/a')).toEqual(syntheticObservation(9, 'Patient/a'));
    expect(syntheticPatient(1)).not.toEqual(syntheticPatient(2));
    expect(syntheticPatient(1, { seed: 2 })).not.toEqual(syntheticPatient(1));
    expect(observationSubjectIndex(5, 100)).toBe(observationSubjectIndex(5, 100));
  });

  it('gives resources the server accepts', () => {
    for (let i = 0; i < 150; i++) {
      expect(validateFhirResource({ ...syntheticPatient(i), id: `p${i}` } as Patient)).toEqual([]);
      expect(validateFhirResource({ ...syntheticObservation(i, 'Patient/p1'), id: `o${i}` })).toEqual([]);
    }
  });

  it('names each beneficiary in Latin letters and in Arabic script, with a case number', () => {
    for (let i = 0; i < 50; i++) {
      const p = syntheticPatient(i);
      expect(p.name?.[0]?.text).toMatch(/^[A-Za-z' -]+$/);
      expect(p.name?.[1]?.text).toMatch(/^[\u0600-\u06FF ]+$/);
      expect(p.identifier?.[0]?.value).toMatch(/^HW-[A-Z]{3}-\d{7}$/);
      expect(p.address?.[0]?.country).toBe('IQ');
    }
  });

  it('scores within each instrument’s range, banded accordingly', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const o = syntheticObservation(i, 'Patient/x');
      const code = codeOf(o);
      seen.add(code);
      const value = o.valueInteger as number;
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(code === PHQ9 ? 27 : 20);
      const band = o.interpretation?.[0]?.coding?.[0]?.code;
      if (code === SRQ20) expect(band).toBe(value >= 8 ? 'positive' : 'negative');
      if (code === PHQ9 && value >= 20) expect(band).toBe('severe');
    }
    expect(seen).toEqual(new Set([PHQ9, SRQ20]));
  });

  it('spreads scores over the whole caseload', () => {
    const subjects = new Set(Array.from({ length: 5000 }, (_, i) => observationSubjectIndex(i, 1000)));
    expect(Math.min(...subjects)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...subjects)).toBeLessThan(1000);
    expect(subjects.size).toBeGreaterThan(950);
  });
});
