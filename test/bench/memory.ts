import fs from 'node:fs';

/** Resident memory of a process in MB, from /proc (Linux); undefined when it cannot be read. */
export function residentMb(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Samples a process's resident memory while something runs, and keeps the peak. */
export class PeakMemory {
  private peakMb = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly pid: number) {}

  start(intervalMs = 200): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs).unref(); // never what keeps the run alive
  }

  /** Stops sampling; returns the peak seen since start (MB). */
  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peakMb;
  }

  private sample(): void {
    this.peakMb = Math.max(this.peakMb, residentMb(this.pid) ?? 0);
  }
}
