import type { EpisodeOfCare } from '@medplum/fhirtypes';

export type CaseStatus = EpisodeOfCare['status'];

/** Every status R4 gives a case (EpisodeOfCare.status), in the order of a case's life. */
export const CASE_STATUSES: readonly CaseStatus[] = ['planned', 'waitlist', 'active', 'onhold', 'finished', 'cancelled', 'entered-in-error'];

/** What a case may be created as: waiting to be assigned, or taken on at once. */
export const INITIAL_CASE_STATUSES: readonly CaseStatus[] = ['planned', 'waitlist', 'active'];

/**
 * The case's life: `waitlist → active ⇄ onhold → finished`, `waitlist → cancelled`, and a finished case
 * reopened (`finished → active`) within the configured time. `planned` (R4's "not yet waiting") is treated
 * as waitlist. Cancelled and entered-in-error end a case for good.
 */
const NEXT: Record<CaseStatus, readonly CaseStatus[]> = {
  planned: ['waitlist', 'active', 'cancelled'],
  waitlist: ['active', 'cancelled'],
  active: ['onhold', 'finished'],
  onhold: ['active', 'finished'],
  finished: ['active'],
  cancelled: [],
  'entered-in-error': [],
};

const DAY_MS = 86_400_000;

export interface CaseClock {
  now: Date;
  /** how long after closure a finished case may still be reopened */
  reopenDays: number;
  /** when the case was closed (its period.end, or the time of the finishing version) */
  closedAt?: Date;
}

/** The statuses a case in `from` may move to now (a finished case only while it may still be reopened). */
export function nextCaseStatuses(from: CaseStatus, clock: CaseClock): CaseStatus[] {
  if (from === 'finished' && !mayReopen(clock)) return [];
  return [...NEXT[from]];
}

function mayReopen({ now, reopenDays, closedAt }: CaseClock): boolean {
  return closedAt === undefined || now.getTime() - closedAt.getTime() <= reopenDays * DAY_MS;
}

/** When a finished case was closed, for the reopening window: its period's end, else when it was last written. */
export function closedAt(episode: EpisodeOfCare): Date | undefined {
  const when = episode.period?.end ?? episode.meta?.lastUpdated;
  return when === undefined ? undefined : new Date(when);
}

export type CaseStatusDecision =
  | { allowed: true; change: 'none' | 'create' | 'move' }
  | { allowed: false; from?: CaseStatus; to: CaseStatus; allowedNext: CaseStatus[]; message: string };

/**
 * Whether a write may take a case from `from` (undefined for a create) to `to`. A write that keeps the status
 * is always a status decision the machine allows; the other rules (closure approval, consent) come after.
 */
export function decideCaseStatus(from: CaseStatus | undefined, to: CaseStatus, clock: CaseClock): CaseStatusDecision {
  if (from === undefined) {
    if (INITIAL_CASE_STATUSES.includes(to)) return { allowed: true, change: 'create' };
    const allowedNext = [...INITIAL_CASE_STATUSES];
    return { allowed: false, to, allowedNext, message: `A case is opened as ${allowedNext.join(', ')}, not ${to}` };
  }
  if (from === to) return { allowed: true, change: 'none' };
  const allowedNext = nextCaseStatuses(from, clock);
  if (allowedNext.includes(to)) return { allowed: true, change: 'move' };
  const expired = from === 'finished' && to === 'active' ? ` (a closed case can be reopened within ${clock.reopenDays} days of its closure)` : '';
  const options = allowedNext.length === 0 ? 'none' : allowedNext.join(', ');
  return { allowed: false, from, to, allowedNext, message: `A case cannot go from ${from} to ${to}${expired}; allowed next: ${options}` };
}
