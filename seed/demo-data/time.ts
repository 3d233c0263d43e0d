import type { Random } from '../prng.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/**
 * A moment in the working day `daysAgo` days before `now`: 08:30 to 15:00 in Iraq (UTC+3), never on the
 * Friday–Saturday weekend (moved back to Thursday), and never later than a quarter of an hour before `now`.
 */
export function workingTime(now: Date, daysAgo: number, rnd: Random): Date {
  const day = new Date(now.getTime() - daysAgo * DAY);
  const weekend = { 5: 1, 6: 2 }[day.getUTCDay()] ?? 0;
  const start = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() - weekend, 5, 30);
  return new Date(Math.min(start + rnd.int(0, 13) * 30 * MINUTE, now.getTime() - 15 * MINUTE));
}

/** `candidate`, or just after `previous` when it would not come after it: one person's visits stay in order. */
export function after(previous: Date, candidate: Date, gap = 30 * MINUTE): Date {
  return candidate.getTime() > previous.getTime() ? candidate : new Date(previous.getTime() + gap);
}

export function plus(at: Date, ms: number): Date {
  return new Date(at.getTime() + ms);
}

/** An xsd:dateTime without milliseconds, as people's records show times. */
export function instant(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function dateOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** A version-4-shaped UUID from the generator: the same plan always gives the same ids. */
export function uuidFrom(rnd: Random): string {
  const hex = Array.from({ length: 32 }, () => rnd.int(0, 15).toString(16));
  hex[12] = '4';
  hex[16] = ((rnd.int(0, 3) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
