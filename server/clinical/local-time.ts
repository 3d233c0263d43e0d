/**
 * Calendar days in a time zone, for the workflow's deadlines (working days in Baghdad, a consent valid until a
 * date). Intl does the zone arithmetic; nothing here depends on the server's own zone.
 */

export interface LocalDay {
  /** 0 = Sunday */
  weekday: number;
  /** the first instant of the next local day */
  nextMidnight: Date;
}

/** The local calendar day of an instant in a time zone: its weekday and where it ends. */
export function localDay(instant: Date, timeZone: string): LocalDay {
  const { year, month, day } = localParts(instant, timeZone);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  // Midnight of the next local date: its wall-clock time as if UTC, less the zone's offset at that moment
  // (asked twice, so that a change of offset at midnight lands on the right instant).
  const wall = Date.UTC(year, month - 1, day + 1);
  const guess = wall - offsetAt(new Date(wall), timeZone);
  return { weekday, nextMidnight: new Date(wall - offsetAt(new Date(guess), timeZone)) };
}

/** The last moment of a calendar date (YYYY-MM-DD) where the deployment is: "valid until 1 June" includes 1 June. */
export function endOfLocalDate(date: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  // Noon UTC of that date falls on the same local date in every zone within twelve hours of UTC.
  return new Date(localDay(new Date(Date.UTC(year, month - 1, day, 12)), timeZone).nextMidnight.getTime() - 1);
}

function offsetAt(instant: Date, timeZone: string): number {
  const p = localParts(instant, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function localParts(instant: Date, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second) };
}
