import { describe, expect, it } from 'vitest';
import { caseManagementIndicators } from '../../server/reports/case-management.js';
import type { Indicator } from '../../server/reports/indicator.js';
import { outcomeIndicators } from '../../server/reports/outcome.js';
import type { ScoreFacts } from '../../server/reports/report-facts.js';

const period = { start: '2026-01-01T00:00:00Z', end: '2026-04-01T00:00:00Z' };
const LOINC = 'http://loinc.org';
const HIWA = 'https://hiwa.health/fhir/CodeSystem/hiwa-scores';
const phq9 = (patientId: string, date: string, value: number): ScoreFacts => ({ patientId, system: LOINC, code: '44261-6', value, date, bands: [] });
const srq20 = (patientId: string, date: string, value: number, band: string): ScoreFacts => ({ patientId, system: HIWA, code: 'srq20-total', value, date, bands: [band] });
const sdq = (patientId: string, date: string, value: number, bands: string[]): ScoreFacts => ({ patientId, system: HIWA, code: 'sdq-total', value, date, bands });

const pick = (indicators: Indicator[]) => Object.fromEntries(indicators.map((i) => [i.code, [i.count, i.score?.value]]));

describe('outcome indicators', () => {
  const scores: ScoreFacts[] = [
    // P1: 18 → 12 → 6: latest in the period, −12 from the first, meaningful, not in remission (6 ≥ 5)
    phq9('P1', '2025-11-01T00:00:00Z', 18), phq9('P1', '2026-01-10T00:00:00Z', 12), phq9('P1', '2026-02-10T00:00:00Z', 6),
    // P2: 9 → 4: −5, meaningful, in remission
    phq9('P2', '2026-01-05T00:00:00Z', 9), phq9('P2', '2026-03-01T00:00:00Z', 4),
    // P3: 10 → 13: worse by 3
    phq9('P3', '2025-12-01T00:00:00Z', 10), phq9('P3', '2026-03-31T23:00:00Z', 13),
    // P4: one score only; P5: latest score after the period (its earlier two both before it)
    phq9('P4', '2026-02-01T00:00:00Z', 20),
    phq9('P5', '2025-10-01T00:00:00Z', 20), phq9('P5', '2025-12-01T00:00:00Z', 15), phq9('P5', '2026-04-02T00:00:00Z', 3),
    // SRQ-20: Q1 positive → negative (improved, remission); Q2 positive → positive
    srq20('Q1', '2026-01-01T00:00:00Z', 12, 'positive'), srq20('Q1', '2026-03-01T00:00:00Z', 5, 'negative'),
    srq20('Q2', '2026-01-01T00:00:00Z', 14, 'positive'), srq20('Q2', '2026-03-01T00:00:00Z', 11, 'positive'),
    // SDQ: R1 high → slightly raised (improved, not remission)
    sdq('R1', '2026-01-01T00:00:00Z', 19, ['high', 'abnormal']), sdq('R1', '2026-02-01T00:00:00Z', 15, ['slightly-raised', 'borderline']),
  ];
  const out = pick(outcomeIndicators(period, scores, new Map()));

  it('follows people with two scores or more whose latest is in the period, with the mean change from their first', () => {
    // P1 −12, P2 −5, P3 +3 → mean −14/3 = −4.67; P5's latest is after the period, P4 has one score.
    expect(out['phq9-followed']).toEqual([3, -4.67]);
  });

  it('shares of clinically meaningful improvement and of remission, from questionnaires/change.ts for PHQ-9', () => {
    expect(out['phq9-improved']).toEqual([2, 66.67]); // P1, P2
    expect(out['phq9-remission']).toEqual([1, 33.33]); // P2
  });

  it('judges SRQ-20 and SDQ by their bands', () => {
    expect(out['srq20-followed']).toEqual([2, -5]);
    expect(out['srq20-improved']).toEqual([1, 50]);
    expect(out['srq20-remission']).toEqual([1, 50]);
    expect(out['sdq-followed']).toEqual([1, -4]);
    expect(out['sdq-improved']).toEqual([1, 100]);
    expect(out['sdq-remission']).toEqual([0, 0]);
  });
});

describe('case management indicators', () => {
  const out = pick(
    caseManagementIndicators({
      period,
      asOf: period.end,
      cases: [
        { id: 'c1', patientId: 'p1', status: 'active', careManager: 'W1', start: '2026-01-10T00:00:00Z', firstSession: '2026-01-14T00:00:00Z' },
        { id: 'c2', patientId: 'p2', status: 'active', careManager: 'W1', start: '2026-02-01T00:00:00Z', firstSession: '2026-02-11T00:00:00Z' },
        { id: 'c3', patientId: 'p3', status: 'waitlist', careManager: 'W2', start: '2026-03-01T00:00:00Z' },
        { id: 'c4', patientId: 'p4', status: 'finished', careManager: 'W2', start: '2025-06-01T00:00:00Z', end: '2026-02-01T00:00:00Z' },
        { id: 'c5', patientId: 'p5', status: 'onhold', careManager: 'W2', start: '2025-09-01T00:00:00Z', firstSession: '2025-09-03T00:00:00Z' },
      ],
      referrals: [
        { id: 'r1', status: 'completed', authoredOn: '2026-01-02T00:00:00Z', acceptedAt: '2026-01-03T00:00:00Z', completedAt: '2026-01-12T00:00:00Z' },
        { id: 'r2', status: 'in-progress', authoredOn: '2026-02-01T00:00:00Z', acceptedAt: '2026-02-04T00:00:00Z' },
        { id: 'r3', status: 'rejected', authoredOn: '2026-02-05T00:00:00Z', rejectedAt: '2026-02-06T00:00:00Z' },
        { id: 'r4', status: 'requested', authoredOn: '2026-03-20T00:00:00Z' },
        { id: 'r5', status: 'completed', authoredOn: '2025-12-01T00:00:00Z', completedAt: '2026-01-05T00:00:00Z' }, // made before the period
      ],
      dueTasks: [
        { id: 't1', status: 'requested', due: '2026-03-01T00:00:00Z' }, // overdue
        { id: 't2', status: 'completed', due: '2026-03-01T00:00:00Z' }, // done
        { id: 't3', status: 'in-progress', due: '2026-05-01T00:00:00Z' }, // not due yet
        { id: 't4', status: 'accepted', due: '2026-03-31T12:00:00Z' }, // overdue
      ],
    }),
  );

  it('counts open cases per worker', () => {
    // open at 1 April: c1, c2 (W1), c3, c5 (W2) → 4 cases, 2 workers
    expect(out.caseload).toEqual([4, 2]);
  });

  it('measures days from registration to the first session for cases registered in the period', () => {
    expect(out['cases-registered']).toEqual([3, undefined]); // c1, c2, c3
    expect(out['registration-to-first-session']).toEqual([2, 7]); // 4 and 10 days
  });

  it('gives referral acceptance and completion, as rates and median days', () => {
    expect(out.referrals).toEqual([4, undefined]); // r1–r4
    expect(out['referrals-accepted']).toEqual([2, 50]); // r1, r2
    expect(out['referrals-completed']).toEqual([1, 25]); // r1
    expect(out['referral-days-to-acceptance']).toEqual([2, 2]); // 1 and 3 days
    expect(out['referral-days-to-completion']).toEqual([1, 10]);
  });

  it('counts open tasks past their due date', () => {
    expect(out['overdue-tasks']).toEqual([2, undefined]);
  });
});
