import type { ScoreChartGeometry } from '../clinical/score-chart.js';

interface ScoreChartProps {
  geometry: ScoreChartGeometry;
  /** what a screen reader hears for the whole chart */
  label: string;
  /** the id of the text beside the chart that lists the bands and the change (aria-describedby) */
  describedBy: string;
  /** a band's name in the interface language */
  bandName(code: string, display: string): string;
  /** numbers and dates as the page writes them */
  formatNumber(value: number): string;
  formatDate(value: string | undefined): string;
}

// Band colours from the table's best band to its worst: light enough for the points and text to stand out
// on every one (the band names and lines, not the colours alone, say where a score falls).
const BAND_FILLS: Readonly<Record<number, readonly string[]>> = {
  1: ['#eef2f5'],
  2: ['#e3f1e6', '#f8dedd'],
  3: ['#e3f1e6', '#fbf1cf', '#f8dedd'],
  4: ['#e3f1e6', '#fbf1cf', '#fbe2c8', '#f8dedd'],
  5: ['#e3f1e6', '#eef5d8', '#fbf1cf', '#fbe2c8', '#f8dedd'],
};
const fillOf = (rank: number, of: number): string => (BAND_FILLS[of] ?? BAND_FILLS[1])[rank] ?? '#eef2f5';

const BAND_LABEL_MIN_HEIGHT = 11;
// roughly how wide a date is drawn at 12 px, to tell whether the first and last dates would overlap
const DATE_CHAR_WIDTH = 6.8;
const DATE_ROW = 15;
const BAND_LABEL_MAX_CHARS = 18;

/**
 * A score's course over its instrument's scale, drawn over the bands of the norm table it was banded with:
 * each band a tinted strip named at the right-hand edge, each cut-off a dashed line with its score on the
 * axis, each result a dot with its value. Time runs left to right in every language (as on the printed
 * charts staff know), so the drawing stays left-to-right inside a right-to-left page; its words are in the
 * page's language. The parts are hidden from screen readers: the label, the description and the table of
 * results beside it say the same in words.
 */
export function ScoreChart({ geometry, label, describedBy, bandName, formatNumber, formatDate }: ScoreChartProps) {
  const { frame, points, bands, cutoffs, ticks } = geometry;
  const plotRight = frame.width - frame.right;
  const plotBottom = frame.height - frame.bottom;
  const first = points[0];
  const last = points[points.length - 1];
  const firstDate = first?.date ? formatDate(first.date) : '';
  const lastDate = points.length > 1 && last?.date ? formatDate(last.date) : '';
  // on a narrow chart the last date goes on a second row rather than over the first
  const twoRows = firstDate !== '' && lastDate !== '' && first.x + (firstDate.length + lastDate.length) * DATE_CHAR_WIDTH + 8 > last.x;
  const height = frame.height + (twoRows ? DATE_ROW : 0);
  return (
    <svg
      className="score-chart"
      role="img"
      aria-label={label}
      aria-describedby={describedBy}
      viewBox={`0 0 ${frame.width} ${height}`}
      preserveAspectRatio="xMinYMin meet"
      direction="ltr"
    >
      <g aria-hidden="true">
        {bands.map((band) => {
          const height = band.yBottom - band.yTop;
          const name = bandName(band.code, band.display);
          return (
            <g key={band.code} data-band={band.code}>
              <rect x={frame.left} y={band.yTop} width={plotRight - frame.left} height={height} fill={fillOf(band.rank, band.of)} />
              {height >= BAND_LABEL_MIN_HEIGHT ? (
                <text x={plotRight + 4} y={(band.yTop + band.yBottom) / 2} className="score-chart__band" dominantBaseline="middle">
                  {name.length > BAND_LABEL_MAX_CHARS ? `${name.slice(0, BAND_LABEL_MAX_CHARS - 1)}…` : name}
                </text>
              ) : null}
            </g>
          );
        })}
        {cutoffs.map((cutoff) => (
          <g key={cutoff.value} data-cutoff={cutoff.value}>
            <line x1={frame.left} x2={plotRight} y1={cutoff.y} y2={cutoff.y} className="score-chart__cutoff" />
            <text x={frame.left - 4} y={cutoff.y} className="score-chart__tick" textAnchor="end" dominantBaseline="middle">
              {formatNumber(cutoff.value)}
            </text>
          </g>
        ))}
        {ticks.map((tick) => (
          <text key={`tick-${tick.value}`} x={frame.left - 4} y={tick.y} className="score-chart__tick score-chart__tick--end" textAnchor="end" dominantBaseline="middle">
            {formatNumber(tick.value)}
          </text>
        ))}
        <line x1={frame.left} x2={frame.left} y1={frame.top} y2={plotBottom} className="score-chart__axis" />
        <line x1={frame.left} x2={plotRight} y1={plotBottom} y2={plotBottom} className="score-chart__axis" />
        {points.length > 1 ? <polyline points={points.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')} className="score-chart__line" /> : null}
        {points.map((point, index) => (
          <g key={`${point.date ?? ''}-${index}`} className="score-chart__point">
            <circle cx={point.x} cy={point.y} r={4} />
            {/* above the dot, or below it when the dot is at the top of the scale */}
            <text x={point.x} y={point.y - 8 < frame.top + 4 ? point.y + 17 : point.y - 8} textAnchor="middle" className="score-chart__value">
              {formatNumber(point.value)}
            </text>
          </g>
        ))}
        {firstDate ? (
          <text x={points.length > 1 ? frame.left : first.x} y={frame.height - 6} textAnchor={points.length > 1 ? 'start' : 'middle'} className="score-chart__date">
            {firstDate}
          </text>
        ) : null}
        {lastDate ? (
          <text x={last.x} y={height - 6} textAnchor="end" className="score-chart__date">
            {lastDate}
          </text>
        ) : null}
      </g>
    </svg>
  );
}
