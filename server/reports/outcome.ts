import { HIWA_SCORES_SYSTEM, isPhq9Change, scoreChange, type ScorePoint } from '../../questionnaires/index.js';
import { PHQ9_TOTAL_CODE } from '../../questionnaires/scoring/phq9.js';
import { SRQ20_TOTAL_CODE } from '../../questionnaires/scoring/srq20.js';
import { disaggregations } from './disaggregation.js';
import { inPeriod, mean, rounded, stratify, type Indicator } from './indicator.js';
import type { BeneficiaryFacts, ReportPeriod, ScoreFacts } from './report-facts.js';

/** How an instrument's change from baseline is judged. */
interface OutcomeRule {
  /** indicator code prefix */
  key: string;
  display: string;
  system: string;
  code: string;
  improved(baseline: ScoreFacts, last: ScoreFacts): boolean;
  inRemission(last: ScoreFacts): boolean;
}

const point = (s: ScoreFacts): ScorePoint => ({ system: s.system, code: s.code, value: s.value, date: s.date });

/** SDQ bands from best to worst (the three-band and four-band tables side by side). */
const SDQ_BAND_RANK: Readonly<Record<string, number>> = {
  'close-to-average': 0,
  normal: 0,
  'slightly-raised': 1,
  borderline: 1,
  high: 2,
  abnormal: 2,
  'very-high': 3,
};
const sdqRank = (s: ScoreFacts): number | undefined => s.bands.map((b) => SDQ_BAND_RANK[b]).find((r) => r !== undefined);

/**
 * PHQ-9: clinically meaningful improvement and remission as questionnaires/change.ts defines them (a fall
 * of 5 points or more; a last total under 5). SRQ-20 and SDQ have no agreed change threshold, so a move
 * out of the clinical band is the improvement: SRQ-20 from positive (at or above the deployment's cut-off,
 * as recorded in each score's band) to negative; SDQ total difficulties to a better band, remission being
 * the "close to average" (or "normal") band.
 */
export const OUTCOME_RULES: readonly OutcomeRule[] = [
  {
    key: 'phq9',
    display: 'PHQ-9',
    ...PHQ9_TOTAL_CODE,
    improved: (b, l) => {
      const change = scoreChange(point(b), point(l));
      return isPhq9Change(change) && change.clinicallyMeaningful && change.difference < 0;
    },
    inRemission: (l) => {
      const change = scoreChange(point(l), point(l));
      return isPhq9Change(change) && change.remission;
    },
  },
  {
    key: 'srq20',
    display: 'SRQ-20',
    system: SRQ20_TOTAL_CODE.system,
    code: SRQ20_TOTAL_CODE.code,
    improved: (b, l) => b.bands.includes('positive') && l.bands.includes('negative'),
    inRemission: (l) => l.bands.includes('negative'),
  },
  {
    key: 'sdq',
    display: 'SDQ total difficulties',
    system: HIWA_SCORES_SYSTEM,
    code: 'sdq-total',
    improved: (b, l) => {
      const [rb, rl] = [sdqRank(b), sdqRank(l)];
      return rb !== undefined && rl !== undefined && rl < rb;
    },
    inRemission: (l) => sdqRank(l) === 0,
  },
];

/**
 * Progress of followed cases (services.md: "measured by repeated SRQ-20, PHQ-9 and SDQ"): per instrument,
 * the people with at least two scores whose latest score up to the end of the period falls in it, compared
 * with their first score ever. Followed: that count, with the mean change (latest − first); improved and
 * in remission: counts, with their share of the followed in percent.
 */
export function outcomeIndicators(period: ReportPeriod, scores: readonly ScoreFacts[], beneficiaries: ReadonlyMap<string, BeneficiaryFacts>): Indicator[] {
  return OUTCOME_RULES.flatMap((rule) => {
    const byPatient = new Map<string, ScoreFacts[]>();
    for (const s of scores) {
      if (s.system !== rule.system || s.code !== rule.code || Date.parse(s.date) >= Date.parse(period.end)) continue;
      byPatient.set(s.patientId, [...(byPatient.get(s.patientId) ?? []), s]);
    }
    const followed = [...byPatient.values()]
      .filter((series) => series.length >= 2)
      .map((series) => [...series].sort((a, b) => a.date.localeCompare(b.date)))
      .filter((series) => inPeriod(series[series.length - 1].date, period))
      .map((series) => ({ baseline: series[0], last: series[series.length - 1] }));
    const improved = followed.filter((f) => rule.improved(f.baseline, f.last));
    const remission = followed.filter((f) => rule.inRemission(f.last));
    const strata = (items: typeof followed) => {
      const { gender, ageGroup } = disaggregations;
      const person = (f: (typeof followed)[number]) => beneficiaries.get(f.last.patientId);
      return [
        stratify(gender.code, items, (f) => gender.valueOf(person(f), f.last.date)),
        stratify(ageGroup.code, items, (f) => ageGroup.valueOf(person(f), f.last.date)),
      ];
    };
    const share = (n: number) => ({ value: followed.length === 0 ? null : rounded((100 * n) / followed.length), unit: '%' });
    const meanChange = mean(followed.map((f) => f.last.value - f.baseline.value));
    const base = `${rule.key}-followed`;
    return [
      {
        code: base,
        display: `Cases with at least two ${rule.display} scores (mean change from the first)`,
        count: followed.length,
        stratifiers: strata(followed),
        score: { value: meanChange === undefined ? null : rounded(meanChange), unit: 'points' },
      },
      { code: `${rule.key}-improved`, display: `${rule.display}: clinically meaningful improvement`, count: improved.length, stratifiers: strata(improved), score: share(improved.length), scoreBase: base },
      { code: `${rule.key}-remission`, display: `${rule.display}: in remission at the latest score`, count: remission.length, stratifiers: strata(remission), score: share(remission.length), scoreBase: base },
    ];
  });
}
