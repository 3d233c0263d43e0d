/**
 * Every FHIR date and number stands for a range given by its precision ("2020" is all of 2020; "1.5" is
 * 1.45 up to 1.55). Indexing and searching both compare ranges, so both use these functions.
 */

export interface Range {
  /** inclusive */
  low: string;
  /** exclusive */
  high: string;
}

const dateLike =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/**
 * The UTC range a FHIR date, dateTime or instant covers, or undefined when it is not one.
 * A time without a zone is read as UTC (Hiwa's servers run in UTC and the spec leaves it to the server).
 */
export function dateRange(value: string): Range | undefined {
  const m = dateLike.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y);
  if (year === 0) return undefined; // FHIR has no year 0000, nor does PostgreSQL (1 BC comes before 1 AD)
  const month = mo === undefined ? undefined : Number(mo);
  const day = d === undefined ? undefined : Number(d);
  if (month !== undefined && (month < 1 || month > 12)) return undefined;
  if (day !== undefined && (day < 1 || day > daysInMonth(year, month ?? 1))) return undefined;
  if (h === undefined) {
    if (month === undefined) return { low: utc(year, 0, 1), high: utc(year + 1, 0, 1) };
    if (day === undefined) return { low: utc(year, month - 1, 1), high: utc(year, month, 1) };
    return { low: utc(year, month - 1, day), high: utc(year, month - 1, day + 1) };
  }
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  const offsetMinutes = zone === undefined || zone === 'Z' ? 0 : zoneOffset(zone);
  if (Math.abs(offsetMinutes) > 14 * 60) return undefined; // FHIR's zones run from -14:00 to +14:00
  const base = utcMs(year, (month ?? 1) - 1, day ?? 1, hour, minute, second) - offsetMinutes * 60_000;
  // The precision of the written value decides the width: minutes, seconds or the given fraction.
  let width: number;
  let start = base;
  if (s === undefined) {
    width = 60_000;
  } else if (frac === undefined) {
    width = 1000;
  } else {
    const digits = frac.length - 1;
    const fractionMs = Number(frac) * 1000;
    start = base + Math.floor(fractionMs);
    width = digits >= 3 ? 1 : 10 ** (3 - digits);
  }
  if (start < FIRST_INSTANT) return undefined; // e.g. 0001-01-01T00:00+01:00, before the year 1 in UTC
  return { low: iso(start), high: iso(start + width) };
}

const FIRST_INSTANT = utcMs(1, 0, 1);

function utc(year: number, monthIndex: number, day: number): string {
  return iso(utcMs(year, monthIndex, day));
}

/** Date.UTC, but for every year: Date.UTC reads the years 0 to 99 as 1900 to 1999. */
function utcMs(year: number, monthIndex: number, day: number, hour = 0, minute = 0, second = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, monthIndex, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
}

/**
 * An ISO instant PostgreSQL reads. JavaScript writes the year 10000 (the end of 9999, an exclusive bound) as
 * `+010000`, which PostgreSQL takes for a time zone; it reads `10000` as a year.
 */
function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/^\+0*(?=\d{5})/, '');
}

function daysInMonth(year: number, month: number): number {
  return new Date(utcMs(year, month, 0)).getUTCDate();
}

function zoneOffset(zone: string): number {
  const sign = zone.startsWith('-') ? -1 : 1;
  const [hh, mm] = zone.slice(1).split(':').map(Number);
  return sign * (hh * 60 + mm);
}

const decimalLike = /^[+-]?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/**
 * Bounds on a decimal this server will compare. Far beyond any value a resource holds (JSON numbers stop
 * near 1e308) and well within PostgreSQL `numeric`; without them a search for `1e999999999` would have
 * BigInt build a billion-digit number and hold the server for minutes.
 */
const MAX_DIGITS = 1000;
const MAX_EXPONENT = 1000;

/**
 * The range a decimal written with this precision stands for: half a unit of its last digit either side.
 * Returned as decimal strings so PostgreSQL `numeric` keeps them exact. Undefined for anything that is
 * not a decimal, or is one beyond the bounds above.
 */
export function numberRange(value: string): Range | undefined {
  const m = decimalLike.exec(value.trim());
  if (!m) return undefined;
  const fractionDigits = m[2]?.length ?? 0;
  const exponent = m[3] === undefined ? 0 : Number(m[3]);
  if (m[1].length + fractionDigits > MAX_DIGITS || !(Math.abs(exponent) <= MAX_EXPONENT)) return undefined;
  const scale = fractionDigits - exponent; // half of 10^-scale is the margin
  const margin = halfUnit(scale);
  return { low: addDecimal(value, '-', margin), high: addDecimal(value, '+', margin) };
}

function halfUnit(scale: number): string {
  // 0.5 × 10^-scale, written as a plain decimal
  if (scale < 0) return '5' + '0'.repeat(-scale - 1);
  return '0.' + '0'.repeat(scale) + '5';
}

/** Exact decimal addition of two plain decimal strings via BigInt, keeping the larger scale. */
function addDecimal(a: string, op: '+' | '-', b: string): string {
  const [ai, as] = toScaled(a);
  const [bi, bs] = toScaled(b);
  const scale = Math.max(as, bs);
  const x = ai * 10n ** BigInt(scale - as);
  const y = bi * 10n ** BigInt(scale - bs);
  return fromScaled(op === '+' ? x + y : x - y, scale);
}

function toScaled(v: string): [bigint, number] {
  const m = decimalLike.exec(v.trim());
  if (!m) throw new Error(`not a decimal: ${v}`);
  const negative = v.trim().startsWith('-');
  const digits = m[1] + (m[2] ?? '');
  let scale = m[2]?.length ?? 0;
  let n = BigInt(digits);
  const exponent = m[3] === undefined ? 0 : Number(m[3]);
  scale -= exponent;
  if (scale < 0) {
    n *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return [negative ? -n : n, scale];
}

function fromScaled(n: bigint, scale: number): string {
  const negative = n < 0n;
  const digits = (negative ? -n : n).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const frac = scale > 0 ? '.' + digits.slice(digits.length - scale) : '';
  return (negative ? '-' : '') + whole + frac;
}
