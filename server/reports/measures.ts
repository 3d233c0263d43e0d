import type { Expression, Measure, MeasureGroupStratifier } from '@medplum/fhirtypes';
import { activityIndicators } from './activity.js';
import { caseManagementIndicators } from './case-management.js';
import type { Indicator } from './indicator.js';
import { outcomeIndicators } from './outcome.js';

export const INDICATOR_SYSTEM = 'https://hiwa.health/fhir/CodeSystem/indicator';
export const DISAGGREGATION_SYSTEM = 'https://hiwa.health/fhir/CodeSystem/disaggregation';
export const MEASURE_POPULATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/measure-population';
const MEASURE_VERSION = '1.0.0';

/** The measures Hiwa publishes; each names the arithmetic that evaluates it. */
export type MeasureName = 'activity' | 'outcome' | 'case-management';

interface MeasureText {
  name: string;
  title: string;
  description: string;
}

const texts: Readonly<Record<MeasureName, MeasureText>> = {
  activity: {
    name: 'HiwaActivity',
    title: 'Activity: beneficiaries and services',
    description:
      'New and total beneficiaries, services (one per beneficiary attendance) and group activities in the period, by IASC layer and service type, direct or through implementing partners, and by gender, age, marital status, disability, population group, governorate and site.',
  },
  outcome: {
    name: 'HiwaOutcome',
    title: 'Outcome: change in repeated PHQ-9, SRQ-20 and SDQ scores',
    description:
      'Cases with at least two scores of an instrument whose latest falls in the period: mean change from the first score, share with clinically meaningful improvement and share in remission.',
  },
  'case-management': {
    name: 'HiwaCaseManagement',
    title: 'Case management',
    description:
      'Caseload per worker, days from registration to the first session, referral acceptance and completion (rates and median days), overdue follow-ups.',
  },
};

export const MEASURE_NAMES = Object.keys(texts) as MeasureName[];

export function measureUrl(name: MeasureName): string {
  return `https://hiwa.health/fhir/Measure/${name}`;
}

export function measureNameOf(url: string | undefined): MeasureName | undefined {
  return MEASURE_NAMES.find((n) => measureUrl(n) === url);
}

/** The indicators of a measure as evaluated over no data: their codes, texts and disaggregations. */
export function indicatorShapes(name: MeasureName): Indicator[] {
  const period = { start: '2000-01-01T00:00:00Z', end: '2000-01-02T00:00:00Z' };
  switch (name) {
    case 'activity':
      return activityIndicators({ period, services: [], servedBefore: new Set(), beneficiaries: new Map(), partnerOrganizations: new Set() });
    case 'outcome':
      return outcomeIndicators(period, [], new Map());
    case 'case-management':
      return caseManagementIndicators({ period, cases: [], referrals: [], dueTasks: [], asOf: period.end });
  }
}

/**
 * A criterion in words: Hiwa evaluates its measures in code (server/reports), not from an expression
 * language. R4 binds Expression.language extensibly; the typings list only its three examples.
 */
function inWords(text: string): Expression {
  return { language: 'text/plain' as string as Expression['language'], expression: text };
}

/** The Measure resource of one of Hiwa's measures, as installed at start (id `<name>-<version>`). */
export function measureDefinition(name: MeasureName): Measure {
  const text = texts[name];
  return {
    resourceType: 'Measure',
    id: name,
    url: measureUrl(name),
    version: MEASURE_VERSION,
    name: text.name,
    title: text.title,
    status: 'active',
    experimental: false,
    publisher: 'Hiwa',
    date: '2026-12-01',
    description: text.description,
    scoring: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/measure-scoring', code: 'cohort', display: 'Cohort' }] },
    type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/measure-type', code: name === 'outcome' ? 'outcome' : 'process' }] }],
    group: indicatorShapes(name).map((ind) => ({
      code: { coding: [{ system: INDICATOR_SYSTEM, code: ind.code, display: ind.display }] },
      description: ind.display,
      population: [
        {
          code: { coding: [{ system: MEASURE_POPULATION_SYSTEM, code: 'initial-population' }] },
          criteria: inWords(ind.display),
        },
      ],
      ...(ind.stratifiers.length === 0
        ? {}
        : {
            // A cross-tabulation is its components only (constraint mea-1: criteria xor components).
            stratifier: ind.stratifiers.map(
              (s): MeasureGroupStratifier =>
                s.components === undefined
                  ? { code: { coding: [{ system: DISAGGREGATION_SYSTEM, code: s.code }] }, criteria: inWords(s.code) }
                  : { component: s.components.map((c) => ({ code: { coding: [{ system: DISAGGREGATION_SYSTEM, code: c }] }, criteria: inWords(c) })) },
            ),
          }),
    })),
  };
}

export function measureDefinitions(): Measure[] {
  return MEASURE_NAMES.map(measureDefinition);
}
