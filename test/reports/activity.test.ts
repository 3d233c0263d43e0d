import { describe, expect, it } from 'vitest';
import { activityIndicators } from '../../server/reports/activity.js';
import { ageBand, ageGroup, ageInYears } from '../../server/reports/disaggregation.js';
import type { Indicator } from '../../server/reports/indicator.js';
import type { BeneficiaryFacts, ServiceFacts } from '../../server/reports/report-facts.js';

// The first quarter of 2026: the end is exclusive.
const period = { start: '2026-01-01T00:00:00Z', end: '2026-04-01T00:00:00Z' };

const people: BeneficiaryFacts[] = [
  // A: a girl of 15, first served in December 2025, so not new in the quarter
  { id: 'A', gender: 'female', birthDate: '2010-05-01', disability: 'no', populationGroup: 'idp', governorate: 'Duhok', site: 'S1' },
  { id: 'B', gender: 'male', birthDate: '1980', maritalStatus: 'M', disability: 'yes', populationGroup: 'returnee', governorate: 'Ninewa', site: 'S2' },
  { id: 'C', gender: 'female', birthDate: '1990-03-10', maritalStatus: 'W', disability: 'no', populationGroup: 'idp', governorate: 'Duhok', site: 'S1' },
  // D: nothing but gender recorded
  { id: 'D', gender: 'female' },
];

const services: ServiceFacts[] = [
  { patientId: 'A', date: '2025-12-10T09:00:00Z', serviceType: 'individual-counselling', site: 'S1', providerOrganization: 'LEAD' },
  { patientId: 'A', date: '2026-01-15T09:00:00Z', serviceType: 'emotional-support', site: 'S1', providerOrganization: 'LEAD' },
  { patientId: 'B', date: '2026-02-01T09:00:00Z', serviceType: 'psychiatric-consultation', site: 'S2', providerOrganization: 'PARTNER' },
  // a guided group discussion with three attendees: one activity, three services
  { date: '2026-03-05T10:00:00Z', serviceType: 'guided-group-discussion', site: 'S1', providerOrganization: 'LEAD' },
  { patientId: 'A', date: '2026-03-05T10:00:00Z', serviceType: 'guided-group-discussion', site: 'S1', providerOrganization: 'LEAD' },
  { patientId: 'C', date: '2026-03-05T10:00:00Z', serviceType: 'guided-group-discussion', site: 'S1', providerOrganization: 'LEAD' },
  { patientId: 'D', date: '2026-03-05T10:00:00Z', serviceType: 'guided-group-discussion', site: 'S1', providerOrganization: 'LEAD' },
  // not counted: after the period (the end is exclusive), a coordination meeting, staff training
  { patientId: 'C', date: '2026-04-01T00:00:00Z', serviceType: 'pfa', site: 'S1', providerOrganization: 'LEAD' },
  { date: '2026-02-10T10:00:00Z', serviceType: 'coordination-meeting', site: 'S1', providerOrganization: 'LEAD' },
  { date: '2026-02-11T10:00:00Z', serviceType: 'staff-training', site: 'S1', providerOrganization: 'LEAD' },
];

// A was first served in December, before the period; B, C and D first in it
const servedBefore = new Set(['A']);

const evaluate = (): Indicator[] =>
  activityIndicators({
    period,
    services,
    servedBefore,
    beneficiaries: new Map(people.map((p) => [p.id, p])),
    partnerOrganizations: new Set(['PARTNER']),
  });

const strataOf = (ind: Indicator | undefined, code: string): Record<string, number | null> =>
  Object.fromEntries((ind?.stratifiers.find((s) => s.code === code)?.strata ?? []).map((s) => [s.value, s.count]));

describe('activity indicators', () => {
  const byCode = new Map(evaluate().map((i) => [i.code, i]));

  it('counts a group session of three as three services and one group activity', () => {
    // services: A emotional support, B psychiatric consultation, and A, C, D at the discussion = 5
    expect(byCode.get('services')?.count).toBe(5);
    expect(byCode.get('group-activities')?.count).toBe(1);
  });

  it('counts everyone served in the period, and as new only those whose first service ever falls in it', () => {
    expect(byCode.get('beneficiaries')?.count).toBe(4); // A, B, C, D
    expect(byCode.get('new-beneficiaries')?.count).toBe(3); // A was first served in December
  });

  it('disaggregates people by gender, age group and band, marital status, disability, population group, governorate and site', () => {
    const all = byCode.get('beneficiaries');
    expect(strataOf(all, 'gender')).toEqual({ female: 3, male: 1 });
    // A is 15 on 15 January; B (born in 1980, counted from 1 July) 45; C 35; D has no birth date
    expect(strataOf(all, 'age-group')).toEqual({ 'under-18': 1, '18-and-over': 2, unknown: 1 });
    expect(strataOf(all, 'age-group|age-band')).toEqual({ 'under-18|12-17': 1, '18-and-over|25-39': 1, '18-and-over|40-59': 1, 'unknown|unknown': 1 });
    expect(strataOf(all, 'marital-status')).toEqual({ M: 1, W: 1, unknown: 2 });
    expect(strataOf(all, 'disability')).toEqual({ no: 2, yes: 1, unknown: 1 });
    expect(strataOf(all, 'population-group')).toEqual({ idp: 2, returnee: 1, unknown: 1 });
    expect(strataOf(all, 'governorate')).toEqual({ Duhok: 2, Ninewa: 1, unknown: 1 });
    expect(strataOf(all, 'registration-site')).toEqual({ S1: 2, S2: 1, unknown: 1 });
    expect(strataOf(all, 'gender|age-group')).toEqual({ 'female|under-18': 1, 'female|18-and-over': 1, 'female|unknown': 1, 'male|18-and-over': 1 });
    expect(strataOf(byCode.get('new-beneficiaries'), 'gender')).toEqual({ female: 2, male: 1 });
  });

  it("counts each service at the person's age on its day: a birthday between two services splits them", () => {
    // E turns 18 on 1 February: one service at 17, two at 18
    const e: BeneficiaryFacts = { id: 'E', gender: 'male', birthDate: '2008-02-01' };
    const days = ['2026-01-20T09:00:00Z', '2026-02-10T09:00:00Z', '2026-03-10T09:00:00Z'];
    const [servicesOfE] = activityIndicators({
      period,
      services: days.map((date) => ({ patientId: 'E', date, serviceType: 'pfa', site: 'S1' })),
      servedBefore: new Set(),
      beneficiaries: new Map([['E', e]]),
      partnerOrganizations: new Set(),
    }).filter((i) => i.code === 'services');
    expect(servicesOfE.count).toBe(3);
    expect(strataOf(servicesOfE, 'age-group')).toEqual({ 'under-18': 1, '18-and-over': 2 });
    expect(strataOf(servicesOfE, 'gender|age-group')).toEqual({ 'male|under-18': 1, 'male|18-and-over': 2 });
    expect(strataOf(servicesOfE, 'gender')).toEqual({ male: 3 });
  });

  it('counts a person at their age on their first service of the period, in whatever order the services come', () => {
    // E turns 18 on 1 February; the latest service is listed first
    const e: BeneficiaryFacts = { id: 'E', gender: 'male', birthDate: '2008-02-01' };
    const days = ['2026-03-10T09:00:00Z', '2026-01-20T09:00:00Z', '2026-02-10T09:00:00Z'];
    const byCodeOfE = new Map(
      activityIndicators({
        period,
        services: days.map((date) => ({ patientId: 'E', date, serviceType: 'pfa', site: 'S1' })),
        servedBefore: new Set(),
        beneficiaries: new Map([['E', e]]),
        partnerOrganizations: new Set(),
      }).map((i) => [i.code, i]),
    );
    expect(strataOf(byCodeOfE.get('beneficiaries'), 'age-group')).toEqual({ 'under-18': 1 });
    expect(strataOf(byCodeOfE.get('new-beneficiaries'), 'gender|age-group')).toEqual({ 'male|under-18': 1 });
    expect(strataOf(byCodeOfE.get('services'), 'age-group')).toEqual({ 'under-18': 1, '18-and-over': 2 });
  });

  it('counts a person served with no beneficiary record as unknown in every disaggregation', () => {
    const [served] = activityIndicators({
      period,
      services: [{ patientId: 'X', date: '2026-01-20T09:00:00Z', serviceType: 'pfa' }],
      servedBefore: new Set(),
      beneficiaries: new Map(),
      partnerOrganizations: new Set(),
    }).filter((i) => i.code === 'beneficiaries');
    for (const s of served.stratifiers) expect(s.strata.map((st) => st.value).join(), s.code).toMatch(/^unknown(\|unknown)?$/);
  });

  it('gives services by IASC layer and type, direct or through partners, and by site', () => {
    const s = byCode.get('services');
    expect(strataOf(s, 'iasc-layer')).toEqual({ 'layer-2': 3, 'layer-3': 1, 'layer-4': 1 });
    expect(strataOf(s, 'iasc-layer|service-type')).toEqual({
      'layer-2|guided-group-discussion': 3,
      'layer-3|emotional-support': 1,
      'layer-4|psychiatric-consultation': 1,
    });
    expect(strataOf(s, 'delivery')).toEqual({ direct: 4, partner: 1 });
    expect(strataOf(s, 'service-site')).toEqual({ S1: 4, S2: 1 });
    // services by the person's attributes on the day: A twice (a child), B, C, D
    expect(strataOf(s, 'age-group')).toEqual({ 'under-18': 2, '18-and-over': 2, unknown: 1 });
    expect(strataOf(byCode.get('group-activities'), 'iasc-layer')).toEqual({ 'layer-2': 1 });
  });

  it('makes every stratifier add up to its total', () => {
    for (const ind of evaluate()) {
      for (const s of ind.stratifiers) expect(s.strata.reduce((n, st) => n + (st.count ?? 0), 0), `${ind.code} ${s.code}`).toBe(ind.count);
    }
  });
});

describe('ages', () => {
  it.each([
    ['2010-05-01', '2026-04-30T00:00:00Z', 15, 'under-18', '12-17'],
    ['2010-05-01', '2026-05-01T00:00:00Z', 16, 'under-18', '12-17'],
    ['2008-03-10', '2026-03-10T00:00:00Z', 18, '18-and-over', '18-24'],
    ['2008-03', '2026-03-14T00:00:00Z', 17, 'under-18', '12-17'], // a month alone counts from its 15th
    ['1966', '2026-07-01T00:00:00Z', 60, '18-and-over', '60-and-over'], // a year alone counts from 1 July
    ['2024-01-01', '2026-01-01T00:00:00Z', 2, 'under-18', '0-5'],
  ])('born %s, on %s: %i, %s, %s', (birth, at, age, group, band) => {
    expect(ageInYears(birth, at)).toBe(age);
    expect(ageGroup(ageInYears(birth, at))).toBe(group);
    expect(ageBand(ageInYears(birth, at))).toBe(band);
  });
});
