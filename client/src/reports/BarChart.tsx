import { useId } from 'react';
import type { Figure } from './report-view.js';

interface BarChartProps {
  bars: readonly { label: string; value: Figure }[];
  /** what a screen reader hears for the whole chart; the table beside it carries the exact figures */
  title: string;
  /** the text drawn in place of a suppressed bar */
  suppressedLabel: string;
  /** numbers in the page's digits */
  format(value: number): string;
}

const ROW = 26;
const LABEL = 150;
const WIDTH = 520;
const BAR_SPACE = WIDTH - LABEL - 60;

/**
 * Horizontal bars, one per stratum: an SVG the page can print, with the value at the end of each bar and
 * a suppressed stratum drawn as a hatched stub marked in words, never as zero. Hidden from screen readers
 * (`aria-hidden` on the parts, a label on the whole): the table gives them the same figures.
 */
export function BarChart({ bars, title, suppressedLabel, format }: BarChartProps) {
  const hatch = `hatch-${useId().replace(/:/g, '')}`;
  const max = Math.max(1, ...bars.map((b) => b.value ?? 0));
  const height = bars.length * ROW + 8;
  return (
    <svg className="bar-chart" role="img" aria-label={title} viewBox={`0 0 ${WIDTH} ${height}`} preserveAspectRatio="xMinYMin meet" direction="ltr">
      <defs>
        <pattern id={hatch} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
          <line x1="0" y1="0" x2="0" y2="6" className="bar-chart__hatch" />
        </pattern>
      </defs>
      {bars.map((bar, i) => {
        const y = 4 + i * ROW;
        const width = bar.value === null ? 14 : Math.max(1, (bar.value / max) * BAR_SPACE);
        return (
          <g key={`${bar.label}-${i}`} aria-hidden="true">
            <text x={LABEL - 6} y={y + ROW / 2} className="bar-chart__label" textAnchor="end" dominantBaseline="middle">
              {bar.label.length > 22 ? `${bar.label.slice(0, 21)}…` : bar.label}
            </text>
            <rect x={LABEL} y={y + 4} width={width} height={ROW - 8} className={bar.value === null ? 'bar-chart__bar bar-chart__bar--suppressed' : 'bar-chart__bar'}
              {...(bar.value === null ? { style: { fill: `url(#${hatch})` } } : {})}
            />
            <text x={LABEL + width + 6} y={y + ROW / 2} className="bar-chart__value" dominantBaseline="middle">
              {bar.value === null ? suppressedLabel : format(bar.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
