import type { CpuUse } from './cpu-time.js';

/** What one measured scenario gives: how many operations per second, and how long one took. */
export interface Measurement {
  operations: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  /** failed operations (non-2xx, errors, timeouts); a scenario with failures is reported, not trusted */
  failures: number;
  /** CPU the server and the database spent during the measured period, when it was metered */
  cpu?: CpuUse;
}

/** Turns the latencies (ms) of the operations that succeeded in `seconds` into a Measurement. */
export function summarize(latencies: number[], seconds: number, failures: number): Measurement {
  const sorted = Float64Array.from(latencies).sort();
  const at = (q: number): number => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]);
  return {
    operations: sorted.length,
    seconds,
    perSecond: sorted.length / seconds,
    p50: at(0.5),
    p95: at(0.95),
    failures,
  };
}
