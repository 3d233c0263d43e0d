import { residentMb } from '../../bench/memory.js';

/** One reading of a process's resident memory, `seconds` after sampling began. */
export interface RssSample {
  seconds: number;
  mb: number;
}

/**
 * Reads a process's resident memory every `intervalMs` while the load runs. The timer never keeps the run
 * alive; a process that cannot be read (gone) leaves a gap, not a zero.
 */
export class RssSampler {
  readonly samples: RssSample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private startedAt = 0;

  constructor(private readonly pid: number) {}

  start(intervalMs: number): void {
    this.startedAt = performance.now();
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs).unref();
  }

  stop(): RssSample[] {
    clearInterval(this.timer);
    this.sample();
    return this.samples;
  }

  private sample(): void {
    const mb = residentMb(this.pid);
    if (mb !== undefined) this.samples.push({ seconds: (performance.now() - this.startedAt) / 1000, mb });
  }
}

/** How much the last window's mean may exceed the second window's. */
export const FLAT_MARGIN = 0.1;

export interface Flatness {
  /** the window length: a minute, or a fifth of a shorter run */
  windowSeconds: number;
  /** mean of the second window (after the first, which is warm-up) */
  earlyMb: number;
  /** mean of the last window */
  lateMb: number;
  growth: number;
  flat: boolean;
}

/**
 * The rule: memory is flat when the mean over the last window is at most FLAT_MARGIN (10%) above the mean
 * over the second window. A window is a minute, or a fifth of a run shorter than five minutes; the first
 * window is warm-up (code compiled, pools and caches filled) and not judged. A steady leak of 10% over three
 * minutes of a five-minute run fails it; the sawtooth of garbage collection, averaged over a minute, does not.
 */
export function judgeFlatness(samples: readonly RssSample[], runSeconds: number): Flatness {
  const windowSeconds = Math.min(60, runSeconds / 5);
  const mean = (from: number, to: number): number => {
    const inside = samples.filter((s) => s.seconds >= from && s.seconds <= to).map((s) => s.mb);
    return inside.length === 0 ? NaN : inside.reduce((a, b) => a + b, 0) / inside.length;
  };
  const earlyMb = mean(windowSeconds, 2 * windowSeconds);
  const lateMb = mean(runSeconds - windowSeconds, runSeconds);
  const growth = lateMb / earlyMb - 1;
  return { windowSeconds, earlyMb, lateMb, growth, flat: lateMb <= earlyMb * (1 + FLAT_MARGIN) };
}

/**
 * The curve as text: one row per sample (thinned to at most `rows`), its time, its value and a bar scaled
 * from zero to the peak, so that growth and the garbage collector's sawtooth show at a glance.
 */
export function formatCurve(samples: readonly RssSample[], rows = 30, width = 50): string {
  if (samples.length === 0) return '(no samples)';
  const step = Math.max(1, Math.ceil(samples.length / rows));
  const shown = samples.filter((_, i) => i % step === 0 || i === samples.length - 1);
  const peak = Math.max(...samples.map((s) => s.mb));
  return shown
    .map((s) => `${s.seconds.toFixed(0).padStart(5)} s ${s.mb.toFixed(0).padStart(5)} MB |${'#'.repeat(Math.round((s.mb / peak) * width))}`)
    .join('\n');
}
