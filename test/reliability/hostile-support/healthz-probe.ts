import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

/** What the probe saw over a stretch of time. */
export interface ProbeWindow {
  probes: number;
  worstMs: number;
  /** probes answered 200 but later than the limit */
  late: number;
  /** probes without a 200 (none within the probe's timeout, or another status) */
  failed: number;
}

interface ProbeReport {
  ms: number;
  status: number;
}

/**
 * GET /healthz every 250 ms from a process of its own (healthz-probe-process.ts) for as long as the hostile
 * suite runs; `window()` gives what it saw since the last call, so each part of the suite is judged on its
 * own stretch.
 */
export class HealthProbe {
  private readonly child: ChildProcess;
  private reports: ProbeReport[] = [];
  private readonly killOnExit = (): void => void this.child.kill('SIGKILL');

  constructor(
    origin: string,
    private readonly limitMs: number,
    intervalMs = 250,
  ) {
    const script = fileURLToPath(new URL('./healthz-probe-process.ts', import.meta.url));
    this.child = spawn(process.execPath, ['--import', 'tsx', script, origin, String(intervalMs), String(Math.max(5000, limitMs * 5))], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    process.once('exit', this.killOnExit);
    readline.createInterface({ input: this.child.stdout! }).on('line', (line) => this.reports.push(JSON.parse(line) as ProbeReport));
  }

  /** The server moved (started again on another port). */
  follow(origin: string): void {
    this.child.stdin?.write(`${origin}\n`);
  }

  window(): ProbeWindow {
    const seen = this.reports;
    this.reports = [];
    return {
      probes: seen.length,
      worstMs: seen.reduce((worst, r) => Math.max(worst, r.ms), 0),
      late: seen.filter((r) => r.status === 200 && r.ms > this.limitMs).length,
      failed: seen.filter((r) => r.status !== 200).length,
    };
  }

  async stop(): Promise<void> {
    process.off('exit', this.killOnExit);
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin?.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
