import type { TypedValue } from '@medplum/core';
import type { Money, Period, Quantity, Timing } from '@medplum/fhirtypes';
import type { DateRow, NumberRow, QuantityRow } from './index-rows.js';
import { dateRange, numberRange } from './ranges.js';

/**
 * Index values of the range-like search parameter types (date, number, quantity) for one FHIRPath result:
 * every value becomes the [low, high) range its precision stands for, which is what search compares.
 */

type Row<T> = Omit<T, 'param'>;

const DATE_TYPES = new Set(['date', 'dateTime', 'instant']);

export function dateValues(tv: TypedValue): Row<DateRow>[] {
  if (DATE_TYPES.has(tv.type) && typeof tv.value === 'string') {
    const range = dateRange(tv.value);
    return range ? [range] : [];
  }
  if (tv.type === 'Period') {
    return periodRow(tv.value as Period);
  }
  if (tv.type === 'Timing') {
    const timing = tv.value as Timing;
    const events = (timing.event ?? []).flatMap((e) => {
      const range = dateRange(e);
      return range ? [range] : [];
    });
    const bounds = timing.repeat?.boundsPeriod ? periodRow(timing.repeat.boundsPeriod) : [];
    return [...events, ...bounds];
  }
  return [];
}

/** A Period runs from the start of its start to the end of its end; a missing end means still going. */
function periodRow(period: Period): Row<DateRow>[] {
  const start = period.start ? dateRange(period.start) : undefined;
  const end = period.end ? dateRange(period.end) : undefined;
  if (!start && !end) {
    return [];
  }
  return [{ low: start?.low ?? '-infinity', high: end?.high ?? 'infinity' }];
}

const NUMBER_TYPES = new Set(['integer', 'decimal', 'positiveInt', 'unsignedInt']);

export function numberValues(tv: TypedValue): Row<NumberRow>[] {
  if (!NUMBER_TYPES.has(tv.type) || typeof tv.value !== 'number') {
    return [];
  }
  return numberRow(tv.value);
}

function numberRow(value: number): Row<NumberRow>[] {
  // JSON has already lost trailing zeros ("1.50" arrives as 1.5), so the precision is that of the shortest form.
  const written = String(value);
  const range = numberRange(written);
  return range && Number.isFinite(value) ? [{ ...range, value: written }] : [];
}

const QUANTITY_TYPES = new Set(['Quantity', 'Age', 'Count', 'Distance', 'Duration', 'SimpleQuantity', 'MoneyQuantity']);

/**
 * A quantity row carries its system and code. When a unit is written that differs from the code, a second row
 * holds it as the code with no system, so `value||unit` finds it as the specification asks. A comparator
 * (`<5`) is not widened into an open range: Hiwa records no such quantities.
 */
export function quantityValues(tv: TypedValue): Row<QuantityRow>[] {
  if (tv.type === 'Money') {
    const money = tv.value as Money;
    return money.value === undefined
      ? []
      : numberRow(money.value).map((n) => ({ ...n, system: 'urn:iso:std:iso:4217', code: money.currency ?? null }));
  }
  if (!QUANTITY_TYPES.has(tv.type)) {
    return [];
  }
  const q = tv.value as Quantity;
  if (typeof q.value !== 'number') {
    return [];
  }
  const [number] = numberRow(q.value);
  if (!number) {
    return [];
  }
  const rows: Row<QuantityRow>[] = [{ ...number, system: q.system ?? null, code: q.code ?? q.unit ?? null }];
  if (q.unit && q.code && q.unit !== q.code) {
    rows.push({ ...number, system: null, code: q.unit });
  }
  return rows;
}
