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

  const served = servedPeople(attendances, input.beneficiaries);
  const newlyServed = served.filter((p) => !input.servedBefore.has(p.id));
  const strata = new PeopleStrata();
  // a person served is counted at their age on their first service of the period; their services, each at its day's age
  const asPeople = (people: readonly Served[]): Stratifier[] => strata.count(people, (p, add) => add(p.firstAge, 1));
  const asServices = (people: readonly Served[]): Stratifier[] =>
    strata.count(people, (p, add) => p.ages.forEach((age, n) => add(age, p.servicesAtAge[n])));

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
    countIndicator(ACTIVITY_INDICATORS.newBeneficiaries, 'New beneficiaries (first service ever in the period)', newlyServed.length, asPeople(newlyServed)),
    countIndicator(ACTIVITY_INDICATORS.beneficiaries, 'Beneficiaries served in the period', served.length, asPeople(served)),
    countIndicator(ACTIVITY_INDICATORS.services, 'Services (one per beneficiary attendance)', attendances.length, [
      ...serviceStrata(attendances),
      ...asServices(served),
    ]),
    countIndicator(ACTIVITY_INDICATORS.groupActivities, 'Group activities (meetings, however many attended)', meetings.length, serviceStrata(meetings)),
  ];
}

/** A person served in the period, with the ages at which their services of the period came. */
interface Served {
  id: string;
  person: BeneficiaryFacts | undefined;
  /** their age on their first service of the period (undefined: not known) */
  firstAge: number | undefined;
  /** each age at which they had services in the period (rarely more than two), and how many at each */
  ages: (number | undefined)[];
  servicesAtAge: number[];
  /** their stratum numbers that do not change with age, once worked out (PeopleStrata) */
  own?: number[];
}

/**
 * The people served by these attendances. A year of a large programme is hundreds of thousands of
 * services, and looking a person up in a map of a hundred thousand is most of what counting them costs:
 * each service looks its person up once, here, and every count after works from what this gathers.
 */
function servedPeople(attendances: readonly ServiceFacts[], beneficiaries: ReadonlyMap<string, BeneficiaryFacts>): Served[] {
  const byId = new Map<string, Served & { birth: CalendarDay | undefined; first: string }>();
  for (const s of attendances) {
    const id = s.patientId as string;
    let p = byId.get(id);
    if (p === undefined) {
      const person = beneficiaries.get(id);
      p = { id, person, birth: birthDay(person?.birthDate), first: s.date, firstAge: undefined, ages: [], servicesAtAge: [] };
      byId.set(id, p);
    }
    const age = ageOn(p.birth, s.date);
    if (s.date <= p.first) {
      p.first = s.date;
      p.firstAge = age;
    }
    const n = p.ages.indexOf(age);
    if (n === -1) {
      p.ages.push(age);
      p.servicesAtAge.push(1);
    } else {
      p.servicesAtAge[n]++;
    }
  }
  return [...byId.values()];
}

/**
 * The person disaggregations, gender crossed with the two age groups, and the finer age bands within their
 * age group (a band lies wholly in one group, and suppression must know that they add up to it).
 * Every stratum value is numbered once per evaluation (a person's own values once per person, an age's
 * once per age), so counting is array arithmetic: no string is made or hashed per person or service.
 */
class PeopleStrata {
  private readonly dims: readonly Disaggregation[] = [...personDisaggregations, disaggregations.ageBand];
  private readonly crossings = ([[disaggregations.gender, disaggregations.ageGroup], [disaggregations.ageGroup, disaggregations.ageBand]] as const).map(
    ([a, b]) => ({ a: this.dims.indexOf(a), b: this.dims.indexOf(b), code: crossedCode(a, b), components: [a.code, b.code] }),
  );
  private readonly values = this.dims.map(() => new Numbering());
  private readonly crossedValues = this.crossings.map(() => new Numbering());
  private readonly byAge = this.dims.map(() => new Map<number | undefined, number>());
  private readonly pairs = this.crossings.map(() => new Map<number, number>());

  /** The stratifiers of a count in which `each` adds, for every person, how many items came at which age. */
  count(people: readonly Served[], each: (person: Served, add: (age: number | undefined, items: number) => void) => void): Stratifier[] {
    const counts = this.dims.map(() => [] as number[]);
    const crossedCounts = this.crossings.map(() => [] as number[]);
    const row = new Array<number>(this.dims.length);
    let own: number[] = [];
    const add = (age: number | undefined, items: number): void => {
      for (let k = 0; k < this.dims.length; k++) {
        row[k] = own[k] === -1 ? this.ageValue(k, age) : own[k];
        counts[k][row[k]] = (counts[k][row[k]] ?? 0) + items;
      }
      for (let n = 0; n < this.crossings.length; n++) {
        const pair = this.pairOf(n, row);
        crossedCounts[n][pair] = (crossedCounts[n][pair] ?? 0) + items;
      }
    };
    for (const p of people) {
      own = p.own ??= this.ownValues(p.person);
      each(p, add);
    }
    return [
      ...personDisaggregations.map((d, k) => stratifierOf(d.code, this.values[k].counted(counts[k]))),
      ...this.crossings.map((c, n) => stratifierOf(c.code, this.crossedValues[n].counted(crossedCounts[n]), c.components)),
    ];
  }

  /** The numbers of a person's values that do not change with age; -1 for those worked out from age. */
  private ownValues(person: BeneficiaryFacts | undefined): number[] {
    // the date is not read by a disaggregation that does not come from age
    return this.dims.map((d, k) => (d.fromAge ? -1 : this.values[k].numberOf(d.valueOf(person, ''))));
  }

  private ageValue(k: number, age: number | undefined): number {
    let n = this.byAge[k].get(age);
    if (n === undefined) this.byAge[k].set(age, (n = this.values[k].numberOf((this.dims[k].fromAge as (age: number | undefined) => string)(age))));
    return n;
  }

  private pairOf(n: number, row: number[]): number {
    const { a, b } = this.crossings[n];
    const key = row[a] * PAIR_SPAN + row[b];
    let pair = this.pairs[n].get(key);
    if (pair === undefined) {
      pair = this.crossedValues[n].numberOf(`${this.values[a].values[row[a]]}${COMPONENT_SEPARATOR}${this.values[b].values[row[b]]}`);
      this.pairs[n].set(key, pair);
    }
    return pair;
  }
}

/** More strata than one disaggregation ever has (a stratum pair is numbered first × PAIR_SPAN + second). */
const PAIR_SPAN = 1 << 16;

/** Stratum values, numbered as they are first met. */
class Numbering {
  readonly values: string[] = [];
  private readonly numbers = new Map<string, number>();

  numberOf(value: string): number {
    let n = this.numbers.get(value);
    if (n === undefined) {
      n = this.values.push(value) - 1;
      this.numbers.set(value, n);
    }
    return n;
  }

  /** The values counted at least once, with their counts (`counts[n]` is value n's). */
  counted(counts: readonly (number | undefined)[]): Map<string, number> {
    return new Map(this.values.flatMap((value, n) => ((counts[n] ?? 0) > 0 ? [[value, counts[n] as number] as const] : [])));
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
