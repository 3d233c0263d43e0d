import { UNKNOWN } from './disaggregation.js';
import { daysBetween, inPeriod, mean, median, rounded, stratify, type Indicator } from './indicator.js';
import type { CaseFacts, DueTaskFacts, ReferralFacts, ReportPeriod } from './report-facts.js';

/** Case statuses in which a case is on someone's caseload. */
const OPEN_CASE = new Set(['waitlist', 'planned', 'active', 'onhold']);
/** Task statuses that still wait for someone. */
const OPEN_TASK = new Set(['draft', 'requested', 'received', 'accepted', 'ready', 'in-progress', 'on-hold']);

export interface CaseManagementInput {
  period: ReportPeriod;
  cases: readonly CaseFacts[];
  referrals: readonly ReferralFacts[];
  dueTasks: readonly DueTaskFacts[];
  /** the moment overdue is judged at: the end of the period, or now when the period has not ended */
  asOf: string;
}

/**
 * Case management figures. Caseload: cases open at `asOf`, by care manager, with the mean per worker.
 * Days from registration (the case's period.start) to its first session, for cases registered in the period.
 * Referrals made in the period: how many were accepted (accepted, or moved on to in progress or completed)
 * and completed, as shares of those made, with the median days to each. Overdue: Tasks still open whose due
 * date (restriction.period.end) is before `asOf`.
 */
export function caseManagementIndicators(input: CaseManagementInput): Indicator[] {
  const { period, asOf } = input;
  const open = input.cases.filter(
    (c) => OPEN_CASE.has(c.status) && (c.start === undefined || c.start < asOf) && (c.end === undefined || c.end >= asOf),
  );
  const workers = new Set(open.map((c) => c.careManager ?? UNKNOWN));
  const meanCaseload = workers.size === 0 ? null : rounded(open.length / workers.size);

  const registered = input.cases.filter((c) => inPeriod(c.start, period));
  const seen = registered.filter((c) => c.firstSession !== undefined && c.start !== undefined && c.firstSession >= c.start);
  const waits = seen.map((c) => daysBetween(c.start as string, c.firstSession as string));

  const made = input.referrals.filter((r) => inPeriod(r.authoredOn, period));
  const accepted = made.filter((r) => r.acceptedAt !== undefined || ['accepted', 'in-progress', 'completed'].includes(r.status));
  const completed = made.filter((r) => r.status === 'completed');
  const share = (n: number) => ({ value: made.length === 0 ? null : rounded((100 * n) / made.length), unit: '%' });
  const medianDays = (pairs: [string | undefined, string | undefined][]) => {
    const m = median(pairs.filter((p): p is [string, string] => p[0] !== undefined && p[1] !== undefined).map(([a, b]) => daysBetween(a, b)));
    return { value: m === undefined ? null : rounded(m), unit: 'd' };
  };

  const overdue = input.dueTasks.filter((t) => OPEN_TASK.has(t.status) && t.due < asOf);
  const waitMean = mean(waits);

  return [
    {
      code: 'caseload',
      display: 'Open cases, by care manager (mean per worker)',
      count: open.length,
      stratifiers: [stratify('care-manager', open, (c) => c.careManager ?? UNKNOWN)],
      score: { value: meanCaseload, unit: 'cases' },
    },
    { code: 'cases-registered', display: 'Cases registered in the period', count: registered.length, stratifiers: [] },
    {
      code: 'registration-to-first-session',
      display: 'Cases registered in the period with a first session (mean days from registration)',
      count: seen.length,
      stratifiers: [],
      score: { value: waitMean === undefined ? null : rounded(waitMean), unit: 'd' },
    },
    { code: 'referrals', display: 'Referrals made in the period', count: made.length, stratifiers: [stratify('referral-status', made, (r) => r.status)] },
    { code: 'referrals-accepted', display: 'Referrals accepted (share of those made)', count: accepted.length, stratifiers: [], score: share(accepted.length), scoreBase: 'referrals' },
    { code: 'referrals-completed', display: 'Referrals completed (share of those made)', count: completed.length, stratifiers: [], score: share(completed.length), scoreBase: 'referrals' },
    {
      code: 'referral-days-to-acceptance',
      display: 'Accepted referrals (median days from referral to acceptance)',
      count: accepted.length,
      stratifiers: [],
      score: medianDays(accepted.map((r) => [r.authoredOn, r.acceptedAt])),
      scoreBase: 'referrals-accepted',
      sameCountAs: 'referrals-accepted',
    },
    {
      code: 'referral-days-to-completion',
      display: 'Completed referrals (median days from referral to completion)',
      count: completed.length,
      stratifiers: [],
      score: medianDays(completed.map((r) => [r.authoredOn, r.completedAt])),
      scoreBase: 'referrals-completed',
      sameCountAs: 'referrals-completed',
    },
    { code: 'overdue-tasks', display: 'Follow-ups and other tasks overdue', count: overdue.length, stratifiers: [] },
  ];
}
