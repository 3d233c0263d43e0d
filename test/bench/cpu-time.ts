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
 * CPU used by the server process and the bench database's backends between start() and stop(). Backends
 * are compared one by one: a pooled connection that closes in between takes its time with it, and must
 * not make the total go backwards (its last share is lost, which the short idle periods keep small).
 */
export class CpuMeter {
  private server0 = 0;
  private backends0 = new Map<number, number>();

  constructor(
    private readonly serverPids: number[],
    private readonly database: string,
  ) {}

  start(): void {
    this.server0 = this.serverSeconds();
    this.backends0 = databaseBackendsCpu(this.database);
  }

  stop(): CpuUse {
    let databaseSeconds = 0;
    for (const [pid, seconds] of databaseBackendsCpu(this.database)) databaseSeconds += seconds - (this.backends0.get(pid) ?? 0);
    return { serverSeconds: this.serverSeconds() - this.server0, databaseSeconds };
  }

  private serverSeconds(): number {
    return this.serverPids.reduce((sum, pid) => sum + processCpuSeconds(pid), 0);
  }
}
