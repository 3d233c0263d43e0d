import type { Patient } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { candidateSearches } from '../../../server/clinical/patient-match/candidate-searches.js';
import { matchFacts } from '../../../server/clinical/patient-match/match-facts.js';

/** The searches that fetch a duplicate check's candidates: a few, by blocking key, never an open scan. */
const searches = (patient: Omit<Patient, 'resourceType'>) => candidateSearches(matchFacts({ resourceType: 'Patient', ...patient }));

describe('candidate searches', () => {
  it('own and family name together; each with the birth years around; the phones', () => {
    expect(searches({ name: [{ given: ['Rebwar', 'Aziz'], family: 'Barzinji' }], birthDate: '1985', telecom: [{ system: 'phone', value: '07701002003' }] })).toEqual([
      [['name-key', 's:rbr'], ['name-key', 's:brznj']],
      [['name-key', 's:rbr'], ['birthdate', 'ge1980'], ['birthdate', 'le1990']],
      [['name-key', 's:brznj'], ['birthdate', 'ge1980'], ['birthdate', 'le1990']],
      [['phone-key', '701002003']],
    ]);
  });

  it('without a family name the father\'s name stands in; a name of the variant table is looked up by its table name', () => {
    expect(searches({ name: [{ given: ['Muhammad', 'Ali'] }] })).toEqual([[['name-key', 'v:محمد'], ['name-key', 'v:علي']]]);
  });

  it('a single name with nothing else is one search on it; every search names a blocking key', () => {
    expect(searches({ name: [{ text: 'Shilan' }] })).toEqual([[['name-key', 's:šln']]]);
    const all = searches({ name: [{ given: ['Ahmed'], family: 'Al-Tamimi' }, { given: ['أحمد'], family: 'التميمي' }], birthDate: '1990-01-01' });
    expect(all).toHaveLength(3); // both scripts give the same keys, asked for once
    for (const s of all) expect(s.some(([name]) => name === 'name-key' || name === 'phone-key')).toBe(true);
  });
});
