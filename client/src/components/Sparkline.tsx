interface SparklineProps {
  values: readonly number[];
  /** the scale's bounds, so that a 5 of 27 looks low even when every value is 5 */
  min: number;
  max: number;
  /** what a screen reader hears instead of the picture */
  label: string;
}

const WIDTH = 120;
const HEIGHT = 32;
const PAD = 3;

/**
 * A score's course as a small line, oldest on the left. Time runs left to right in every language here,
 * as on the printed charts staff know; the table beside it carries the exact values.
 */
export function Sparkline({ values, min, max, label }: SparklineProps) {
  const span = max > min ? max - min : 1;
  const x = (index: number) => (values.length === 1 ? WIDTH / 2 : PAD + (index * (WIDTH - 2 * PAD)) / (values.length - 1));
  const y = (value: number) => HEIGHT - PAD - ((Math.min(Math.max(value, min), max) - min) * (HEIGHT - 2 * PAD)) / span;
  const points = values.map((value, index) => `${x(index).toFixed(1)},${y(value).toFixed(1)}`).join(' ');
  const last = values.length - 1;
  return (
    <svg className="sparkline" role="img" aria-label={label} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} direction="ltr">
      <line x1={PAD} x2={WIDTH - PAD} y1={HEIGHT - PAD} y2={HEIGHT - PAD} className="sparkline__axis" />
      {values.length > 1 ? <polyline points={points} className="sparkline__line" /> : null}
      {last >= 0 ? <circle cx={x(last)} cy={y(values[last])} r={2.5} className="sparkline__last" /> : null}
    </svg>
  );
}
