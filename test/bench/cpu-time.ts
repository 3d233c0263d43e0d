import fs from 'node:fs';

/**
 * CPU time spent, read from /proc (Linux). On a shared two-core machine requests per second move with
 * whatever else runs; the CPU time one request costs the server and the database moves much less, so the
 * table reports both.
 */
const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux the project runs on

/** User + system CPU seconds of one process so far; 0 when it is gone. */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** CPU seconds so far of each PostgreSQL backend connected to `database`, by pid (other databases' work is left out). */
export function databaseBackendsCpu(database: string): Map<number, number> {
  const backends = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (title.startsWith('postgres:') && title.split(' ').includes(database)) backends.set(Number(entry), processCpuSeconds(Number(entry)));
    } catch {
      // the process ended while we looked
    }
  }
  return backends;
}

export interface CpuUse {
  serverSeconds: number;
  databaseSeconds: number;
}

/**
 * CPU used by the server processes and the bench database's backends between start() and stop(). The
 * backends are sampled every second, each by its pid, because pooled connections come and go and take their
 * CPU time with them when they close: a closed one keeps what its last sample saw.
 */
export class CpuMeter {
  private server0 = 0;
  private backends = new Map<number, { first: number; last: number }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly serverPids: number[],
    private readonly database: string,
  ) {}

  start(): void {
    this.server0 = this.serverSeconds();
    this.backends = new Map([...databaseBackendsCpu(this.database)].map(([pid, cpu]) => [pid, { first: cpu, last: cpu }]));
    this.timer = setInterval(() => this.sample(), 1000).unref(); // never what keeps the run alive
  }

  stop(): CpuUse {
    clearInterval(this.timer);
    this.sample();
    let databaseSeconds = 0;
    for (const { first, last } of this.backends.values()) databaseSeconds += last - first;
    return { serverSeconds: this.serverSeconds() - this.server0, databaseSeconds };
  }

  private sample(): void {
    for (const [pid, cpu] of databaseBackendsCpu(this.database)) {
      const seen = this.backends.get(pid);
      // A backend first seen now started after start(): all its time falls in the period.
      if (seen) seen.last = cpu;
      else this.backends.set(pid, { first: 0, last: cpu });
    }
  }

  private serverSeconds(): number {
    return this.serverPids.reduce((sum, pid) => sum + processCpuSeconds(pid), 0);
  }
}
