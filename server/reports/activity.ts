import { isBeneficiaryService, serviceConcept } from '../clinical/service-encounter.js';
import { ageOn, birthDay, disaggregations, personDisaggregations, UNKNOWN, type CalendarDay, type Disaggregation } from './disaggregation.js';
import { COMPONENT_SEPARATOR, countIndicator, stratifierOf, stratify, within, type Indicator, type Stratifier } from './indicator.js';
import type { BeneficiaryFacts, ReportPeriod, ServiceFacts } from './report-facts.js';

export interface ActivityInput {
  period: ReportPeriod;
  /** the beneficiary-service Encounters of the period (others are ignored) */
  services: readonly ServiceFacts[];
  /** the patients served in the period who had a service before it: the others are new */
  servedBefore: ReadonlySet<string>;
  beneficiaries: ReadonlyMap<string, BeneficiaryFacts>;
  /** implementing partners: organisations that deliver through a lead organisation (Organization.partOf) */
  partnerOrganizations: ReadonlySet<string>;
}

export const ACTIVITY_INDICATORS = {
  newBeneficiaries: 'new-beneficiaries',
  beneficiaries: 'beneficiaries',
  services: 'services',
  groupActivities: 'group-activities',
} as const;

/**
 * The programme's activity figures for a period (services.md): "N new beneficiaries and M services".
 * A service is one beneficiary's attendance, so a group session with 12 attendees is 12 services and one
 * group activity (its own Encounter, with no patient). A beneficiary is new in the period of their first
 * service ever. People are disaggregated as they were at their first service of the period, services as
 * the person was on the day.
 */
export function activityIndicators(input: ActivityInput): Indicator[] {
  // A year of a large programme is hundreds of thousands of services: look each service type up once.
  const beneficiaryService = memoised(isBeneficiaryService);
  const inPeriod = within(input.period);
  const counted = input.services.filter((s) => inPeriod(s.date) && beneficiaryService(s.serviceType));
  const attendances = counted.filter((s) => s.patientId !== undefined);
  const meetings = counted.filter((s) => s.patientId === undefined);

  const firstInPeriod = new Map<string, string>();
  for (const s of attendances) {
    const seen = firstInPeriod.get(s.patientId as string);
    if (seen === undefined || s.date < seen) firstInPeriod.set(s.patientId as string, s.date);
  }
  const people = [...firstInPeriod].map(([id, at]) => ({ id, person: input.beneficiaries.get(id), at }));
  const newPeople = people.filter(({ id }) => !input.servedBefore.has(id));
  const personAt = (p: (typeof people)[number]) => p.person;
  const dateAt = (p: (typeof people)[number]) => p.at;

  const delivery = (s: ServiceFacts): string =>
    s.providerOrganization !== undefined && input.partnerOrganizations.has(s.providerOrganization) ? 'partner' : 'direct';
  const serviceStrata = (items: ServiceFacts[]): Stratifier[] => [
    stratify('iasc-layer', items, (s) => layerOf(s.serviceType)),
    // services by type within their layer: the types of a layer add up to it, which suppression must know
    stratify(`iasc-layer${COMPONENT_SEPARATOR}service-type`, items, (s) => layerAndType(s.serviceType), [
      'iasc-layer',
      'service-type',
    ]),
    stratify('delivery', items, delivery),
    stratify('service-site', items, (s) => s.site ?? UNKNOWN),
  ];

  return [
    countIndicator(ACTIVITY_INDICATORS.newBeneficiaries, 'New beneficiaries (first service ever in the period)', newPeople.length, peopleStrata(newPeople, personAt, dateAt)),
    countIndicator(ACTIVITY_INDICATORS.beneficiaries, 'Beneficiaries served in the period', people.length, peopleStrata(people, personAt, dateAt)),
    countIndicator(ACTIVITY_INDICATORS.services, 'Services (one per beneficiary attendance)', attendances.length, [
      ...serviceStrata(attendances),
      ...peopleStrata(attendances, (s) => input.beneficiaries.get(s.patientId as string), (s) => s.date),
    ]),
    countIndicator(ACTIVITY_INDICATORS.groupActivities, 'Group activities (meetings, however many attended)', meetings.length, serviceStrata(meetings)),
  ];
}

/**
 * Each person disaggregation, gender crossed with the two age groups, and the finer age bands within their
 * age group (a band lies wholly in one group, and suppression must know that they add up to it). An item
 * is a person at a date: a person served, or one service to them.
 */
function peopleStrata<T>(items: readonly T[], personOf: (item: T) => BeneficiaryFacts | undefined, dateOf: (item: T) => string): Stratifier[] {
  const { gender, ageGroup, ageBand } = disaggregations;
  const all = [...personDisaggregations, ageBand];
  const crossings = ([[gender, ageGroup], [ageGroup, ageBand]] as const).map(([a, b]) => ({ a: all.indexOf(a), b: all.indexOf(b), code: crossedCode(a, b), components: [a.code, b.code] }));
  const tallies = all.map(() => new Tally());
  const crossedTallies = crossings.map(() => new Tally());
  // A year of services is hundreds of thousands of items for a few per person. Every stratum value is
  // numbered once (a person's own values once per person, an age's once per age), so counting an item is
  // array arithmetic: no string is made or hashed per item.
  const known = new Map<BeneficiaryFacts | undefined, { own: number[]; birth: CalendarDay | undefined }>();
  const byAge = all.map(() => new Map<number | undefined, number>());
  const pairs = crossings.map(() => new Map<number, number>());
  const row = new Array<number>(all.length);
  for (const item of items) {
    const person = personOf(item);
    const at = dateOf(item);
    let facts = known.get(person);
    if (facts === undefined) {
      facts = { own: all.map((d, k) => (d.fromAge ? -1 : tallies[k].numberOf(d.valueOf(person, at)))), birth: birthDay(person?.birthDate) };
      known.set(person, facts);
    }
    const age = ageOn(facts.birth, at);
    for (let k = 0; k < all.length; k++) {
      const fromAge = all[k].fromAge;
      if (fromAge === undefined) {
        row[k] = facts.own[k];
      } else {
        let n = byAge[k].get(age);
        if (n === undefined) byAge[k].set(age, (n = tallies[k].numberOf(fromAge(age))));
        row[k] = n;
      }
      tallies[k].counts[row[k]]++;
    }
    crossings.forEach((c, n) => {
      const key = row[c.a] * PAIR_SPAN + row[c.b];
      let pair = pairs[n].get(key);
      if (pair === undefined) {
        pair = crossedTallies[n].numberOf(`${tallies[c.a].values[row[c.a]]}${COMPONENT_SEPARATOR}${tallies[c.b].values[row[c.b]]}`);
        pairs[n].set(key, pair);
      }
      crossedTallies[n].counts[pair]++;
    });
  }
  return [
    ...personDisaggregations.map((d, k) => stratifierOf(d.code, tallies[k].counted())),
    ...crossings.map((c, n) => stratifierOf(c.code, crossedTallies[n].counted(), c.components)),
  ];
}

/** More strata than one disaggregation ever has (a stratum pair is numbered first × PAIR_SPAN + second). */
const PAIR_SPAN = 1 << 16;

/** Stratum values, numbered as they are first met, each with its count. */
class Tally {
  readonly values: string[] = [];
  readonly counts: number[] = [];
  private readonly numbers = new Map<string, number>();

  numberOf(value: string): number {
    let n = this.numbers.get(value);
    if (n === undefined) {
      n = this.values.push(value) - 1;
      this.counts.push(0);
      this.numbers.set(value, n);
    }
    return n;
  }

  /** The values counted at least once, with their counts. */
  counted(): Map<string, number> {
    return new Map(this.values.flatMap((value, n) => (this.counts[n] > 0 ? [[value, this.counts[n]] as const] : [])));
  }
}

const crossedCode = (a: Disaggregation, b: Disaggregation): string => `${a.code}${COMPONENT_SEPARATOR}${b.code}`;

/** The IASC layer of a service type (its CodeSystem's `layer` property). */
export const layerOf = memoised((serviceType: string): string => serviceConcept(serviceType)?.property?.find((p) => p.code === 'layer')?.valueCode ?? UNKNOWN);

/** `layer|service-type`, the stratum of a service type within its layer. */
const layerAndType = memoised((serviceType: string): string => `${layerOf(serviceType)}${COMPONENT_SEPARATOR}${serviceType}`);

function memoised<T>(fn: (code: string) => T): (code: string) => T {
  const known = new Map<string, { value: T }>();
  return (code) => {
    let hit = known.get(code);
    if (hit === undefined) known.set(code, (hit = { value: fn(code) }));
    return hit.value;
  };
}
