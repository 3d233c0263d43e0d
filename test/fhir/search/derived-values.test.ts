import type { Patient } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { extractIndexRows } from '../../../server/fhir/search/extract.js';

/** The duplicate check's blocking keys, indexed from Hiwa's derived SearchParameters name-key and phone-key. */
const codes = (patient: Patient, param: string) =>
  extractIndexRows(patient)
    .token.filter((row) => row.param === param)
    .map((row) => row.code)
    .sort();

describe('derived search values', () => {
  it('name-key: every spelling of a name gives the same keys, across scripts', () => {
    const spellings: Patient[] = [
      { resourceType: 'Patient', name: [{ given: ['Mohammed', 'Abd Allah'], family: 'Al-Jubouri' }] },
      { resourceType: 'Patient', name: [{ given: ['محمد', 'عبد', 'الله'], family: 'الجبوري' }] },
      { resourceType: 'Patient', name: [{ given: ['Muhammad Abdullah'], family: 'Aljuburi' }] },
    ];
    const keys = spellings.map((p) => codes(p, 'name-key'));
    expect(keys[0]).toEqual(['s:bd', 's:jbr', 's:mhmd', 'v:جبوري', 'v:عبد·ه', 'v:محمد'].sort());
    expect(keys[1]).toEqual(keys[0]);
    expect(keys[2]).toEqual(keys[0]);
  });

  it('name-key: a Kurdish name outside the variant table has its skeleton only', () => {
    expect(codes({ resourceType: 'Patient', name: [{ given: ['ڕێبوار'] }] }, 'name-key')).toEqual(['s:rbr']);
  });

  it('phone-key: the last nine digits of phones, whatever the format; e-mail addresses give none', () => {
    const patient: Patient = {
      resourceType: 'Patient',
      telecom: [
        { system: 'phone', value: '+964 770 123 4567' },
        { system: 'sms', value: '٠٧٥٠١١١٢٢٣٣' },
        { system: 'email', value: '12345678901@example.org' },
      ],
    };
    expect(codes(patient, 'phone-key')).toEqual(['501112233', '701234567']);
  });
});
