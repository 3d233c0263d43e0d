import type { BandRange } from '../../../questionnaires/scoring/bands.js';
import { bandRangesOfRecordedTable } from '../../../questionnaires/scoring/band-table-lookup.js';
import { scaleOf, type ScoreSeries } from './score-series.js';

/** The drawing area, in the SVG's own units; the page scales it to the width it has. */
export interface ChartFrame {
  width: number;
  height: number;
  /** room kept for the score axis (left) and the date axis (below) */
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export const SCORE_CHART_FRAME: ChartFrame = { width: 400, height: 200, left: 30, right: 118, top: 10, bottom: 24 };

const NARROWEST = 260;
const WIDEST = 640;

/**
 * The frame for a chart `width` CSS pixels wide: one unit per pixel, so its words are the page's size at
 * every width (a fixed frame scaled down to a phone makes them too small to read).
 */
export function chartFrameFor(width: number): ChartFrame {
  return { ...SCORE_CHART_FRAME, width: Math.round(Math.min(Math.max(width, NARROWEST), WIDEST)) };
}

export interface ChartPoint {
  x: number;
  y: number;
  value: number;
  date?: string;
}

/** One band of the norm table, as a strip across the chart. */
export interface ChartBand {
  code: string;
  /** 0 for the best band of the table, counting up to the worst: what its colour says */
  rank: number;
  /** how many bands the table has */
  of: number;
  display: string;
  min: number;
  max: number;
  /** top and bottom edges of the strip (SVG y grows downwards) */
  yTop: number;
  yBottom: number;
}

/** A line where one band ends and the next begins, at half a point below the next band's lowest score. */
export interface ChartCutoff {
  /** the lowest score of the band above the line, e.g. 10 for PHQ-9 "moderate" */
  value: number;
  y: number;
}

export interface ScoreChartGeometry {
  frame: ChartFrame;
  scale: { min: number; max: number };
  points: ChartPoint[];
  bands: ChartBand[];
  cutoffs: ChartCutoff[];
  /** where the scale's ends sit, for the score axis */
  ticks: { value: number; y: number }[];
}

/**
 * Where everything of a score's chart goes: each computed score placed by its date (time runs left to right,
 * as on the printed charts staff know, whatever the page's direction), on the instrument's scale, over the
 * bands of the norm table the latest score was banded with. Integer scores sit inside their band: a band
 * 10–14 covers 9.5 to 14.5, so a 10 never sits on a line. Pure, so it is tested without a browser.
 */
export function scoreChartGeometry(series: ScoreSeries, frame: ChartFrame = SCORE_CHART_FRAME): ScoreChartGeometry {
  const scale = scaleOf(series);
  const span = scale.max > scale.min ? scale.max - scale.min : 1;
  const plotBottom = frame.height - frame.bottom;
  const plotHeight = plotBottom - frame.top;
  const y = (value: number) => plotBottom - ((clamp(value, scale.min, scale.max) - scale.min) * plotHeight) / span;

  const computed = series.points.flatMap((point) => (point.value === undefined ? [] : [{ value: point.value, date: point.date }]));
  const xs = xPositions(
    computed.map((point) => point.date),
    frame.left + 8,
    frame.width - frame.right - 8,
  );
  const points = computed.map((point, index): ChartPoint => ({ x: xs[index], y: y(point.value), value: point.value, ...(point.date ? { date: point.date } : {}) }));

  const ranges = chartBandRanges(series);
  const bands = ranges.map((range, rank): ChartBand => ({
    code: range.code,
    rank,
    of: ranges.length,
    display: range.display,
    min: range.min,
    max: range.max,
    yTop: y(range.max + 0.5),
    yBottom: y(range.min - 0.5),
  }));
  const cutoffs = [...ranges]
    .sort((a, b) => a.min - b.min)
    .slice(1)
    .map((range): ChartCutoff => ({ value: range.min, y: y(range.min - 0.5) }));
  const ticks = [scale.min, scale.max].map((value) => ({ value, y: y(value) }));
  return { frame, scale, points, bands, cutoffs, ticks };
}

/** The bands of the table the latest banded score was read against, best first; none when no table is known. */
export function chartBandRanges(series: ScoreSeries): readonly BandRange[] {
  const latestBanded = [...series.points].reverse().find((point) => point.bandTable !== undefined);
  if (series.code === undefined || latestBanded?.bandTable === undefined) return [];
  const { id, cutoff } = latestBanded.bandTable;
  return bandRangesOfRecordedTable({ code: series.code, tableId: id, ...(cutoff === undefined ? {} : { cutoff }) }) ?? [];
}

/**
 * x of each point: in proportion to time between the first and the last date, so a gap of months looks like
 * one; evenly spread when dates are missing or all the same; a single point in the middle.
 */
export function xPositions(dates: readonly (string | undefined)[], from: number, to: number): number[] {
  if (dates.length === 0) return [];
  if (dates.length === 1) return [(from + to) / 2];
  const times = dates.map((date) => (date === undefined ? Number.NaN : Date.parse(date)));
  const first = times[0];
  const last = times[times.length - 1];
  const even = () => dates.map((_, index) => from + (index * (to - from)) / (dates.length - 1));
  if (times.some((time) => Number.isNaN(time)) || !(last > first)) return even();
  return times.map((time) => from + ((time - first) * (to - from)) / (last - first));
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
