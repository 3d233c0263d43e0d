import type { EpisodeOfCare } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, closedAt, decideCaseStatus, type CaseStatus } from '../../server/clinical/case-status-machine.js';
import { loadConfig } from '../../server/config.js';

const DAY = 86_400_000;
const now = new Date('2026-06-01T10:00:00Z');
const clock = { now, reopenDays: 90, closedAt: new Date(now.getTime() - 10 * DAY) };

/** The whole machine, as the programme states it: every move allowed; everything else is refused. */
const moves = [
  'planned → waitlist', 'planned → active', 'planned → cancelled',
  'waitlist → active', 'waitlist → cancelled',
  'active → onhold', 'active → finished',
  'onhold → active', 'onhold → finished',
  'finished → active',
];
const allowedFrom = (from: CaseStatus): CaseStatus[] =>
  moves.filter((m) => m.startsWith(`${from} → `)).map((m) => m.split(' → ')[1] as CaseStatus);

describe('the case state machine (EpisodeOfCare.status)', () => {
  const pairs = CASE_STATUSES.flatMap((from) => CASE_STATUSES.map((to) => [from, to] as const));

  it.each(pairs)('%s → %s', (from, to) => {
    const decision = decideCaseStatus(from, to, clock);
    if (from === to) {
      expect(decision).toEqual({ allowed: true, change: 'none' });
    } else if (moves.includes(`${from} → ${to}`)) {
      expect(decision).toEqual({ allowed: true, change: 'move' });
    } else {
      expect(decision).toMatchObject({ allowed: false, from, to, allowedNext: allowedFrom(from) });
      if (decision.allowed) return;
      expect(decision.message).toContain(`allowed next: ${allowedFrom(from).join(', ') || 'none'}`);
    }
  });

  it.each(CASE_STATUSES)('a case may be opened as planned, waitlist or active, not as %s otherwise', (status) => {
    const decision = decideCaseStatus(undefined, status, clock);
    expect(decision.allowed).toBe(['planned', 'waitlist', 'active'].includes(status));
    if (!decision.allowed) expect(decision.allowedNext).toEqual(['planned', 'waitlist', 'active']);
  });

  it('reopens a finished case up to the configured number of days after its closure, and not a day later', () => {
    const closed = (daysAgo: number) => ({ ...clock, closedAt: new Date(now.getTime() - daysAgo * DAY) });
    expect(decideCaseStatus('finished', 'active', closed(90)).allowed).toBe(true);
    const late = decideCaseStatus('finished', 'active', closed(91));
    expect(late).toMatchObject({ allowed: false, allowedNext: [] });
    if (!late.allowed) expect(late.message).toContain('within 90 days of its closure');
    expect(decideCaseStatus('finished', 'active', { ...closed(91), reopenDays: 120 }).allowed).toBe(true);
    expect(decideCaseStatus('finished', 'active', { ...closed(1), reopenDays: 0 }).allowed).toBe(false);
  });

  it('dates a closure by the period end, or else by the version that finished it', () => {
    const episode: EpisodeOfCare = { resourceType: 'EpisodeOfCare', status: 'finished', patient: {}, meta: { lastUpdated: '2026-05-02T00:00:00Z' } };
    expect(closedAt(episode)).toEqual(new Date('2026-05-02T00:00:00Z'));
    expect(closedAt({ ...episode, period: { end: '2026-04-01T00:00:00Z' } })).toEqual(new Date('2026-04-01T00:00:00Z'));
  });
});

describe('CASE_REOPEN_DAYS', () => {
  it('defaults to 90 days, takes a whole number of days, and stops the server on anything else', () => {
    expect(loadConfig({}).caseReopenDays).toBe(90);
    expect(loadConfig({ CASE_REOPEN_DAYS: '30' }).caseReopenDays).toBe(30);
    for (const bad of ['-1', '2.5', 'ninety']) expect(() => loadConfig({ CASE_REOPEN_DAYS: bad }), bad).toThrow(/CASE_REOPEN_DAYS/);
  });
});
