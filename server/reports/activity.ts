import { isBeneficiaryService, serviceConcept } from '../clinical/service-encounter.js';
import { ageInYears, disaggregations, personDisaggregations, UNKNOWN, type Disaggregation } from './disaggregation.js';
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
    countIndicator(ACTIVITY_INDICATORS.newBeneficiaries, 'New beneficiaries (first service ever in the period)', newPeople.length, peopleStrata(newPeople)),
    countIndicator(ACTIVITY_INDICATORS.beneficiaries, 'Beneficiaries served in the period', people.length, peopleStrata(people)),
    countIndicator(ACTIVITY_INDICATORS.services, 'Services (one per beneficiary attendance)', attendances.length, [
      ...serviceStrata(attendances),
      ...peopleStrata(attendances.map((s) => ({ person: input.beneficiaries.get(s.patientId as string), at: s.date }))),
    ]),
    countIndicator(ACTIVITY_INDICATORS.groupActivities, 'Group activities (meetings, however many attended)', meetings.length, serviceStrata(meetings)),
  ];
}

/**
 * Each person disaggregation, gender crossed with the two age groups, and the finer age bands within their
 * age group (a band lies wholly in one group, and suppression must know that they add up to it).
 */
function peopleStrata(items: readonly { person: BeneficiaryFacts | undefined; at: string }[]): Stratifier[] {
  const { gender, ageGroup, ageBand } = disaggregations;
  const all = [...personDisaggregations, ageBand];
  const byPerson = all.filter((d) => d.fromAge === undefined);
  const crossings = ([[gender, ageGroup], [ageGroup, ageBand]] as const).map(([a, b]) => ({ a: all.indexOf(a), b: all.indexOf(b), code: crossedCode(a, b), components: [a.code, b.code] }));
  // counts[k]: the strata of personDisaggregations[k]; crossed[c]: those of crossings[c]
  const counts = personDisaggregations.map(() => new Map<string, number>());
  const crossed = crossings.map(() => new Map<string, number>());
  const add = (strata: Map<string, number>, value: string): void => {
    strata.set(value, (strata.get(value) ?? 0) + 1);
  };
  // A year of services is hundreds of thousands of items for a few per person: what is the person's own is
  // worked out once per person, what follows from the age once per item, into one reused row.
  const ownValues = new Map<BeneficiaryFacts | undefined, string[]>();
  const row = new Array<string>(all.length);
  for (const item of items) {
    let own = ownValues.get(item.person);
    if (own === undefined) {
      own = byPerson.map((d) => d.valueOf(item.person, item.at));
      ownValues.set(item.person, own);
    }
    const age = ageInYears(item.person?.birthDate, item.at);
    let next = 0;
    for (let k = 0; k < all.length; k++) {
      const fromAge = all[k].fromAge;
      row[k] = fromAge ? fromAge(age) : own[next++];
    }
    for (let k = 0; k < counts.length; k++) add(counts[k], row[k]);
    crossings.forEach((c, n) => add(crossed[n], `${row[c.a]}${COMPONENT_SEPARATOR}${row[c.b]}`));
  }
  return [
    ...personDisaggregations.map((d, k) => stratifierOf(d.code, counts[k])),
    ...crossings.map((c, n) => stratifierOf(c.code, crossed[n], c.components)),
  ];
}

const crossedCode = (a: Disaggregation, b: Disaggregation): string => `${a.code}${COMPONENT_SEPARATOR}${b.code}`;

/** The IASC layer of a service type (its CodeSystem's `layer` property). */
export const layerOf = memoised((serviceType: string): string => serviceConcept(serviceType)?.property?.find((p) => p.code === 'layer')?.valueCode ?? UNKNOWN);

/** `layer|service-type`, the stratum of a service type within its layer. */
const layerAndType = memoised((serviceType: string): string => `${layerOf(serviceType)}${COMPONENT_SEPARATOR}${serviceType}`);

function memoised<T>(fn: (code: string) => T): (code: string) => T {
  const known = new Map<string, T>();
  return (code) => {
    if (!known.has(code)) known.set(code, fn(code));
    return known.get(code) as T;
  };
}
