import fs from 'node:fs';
import { hiwaProcess, type HiwaProcess } from './hiwa-process.js';
import { createDatabase, type ThrowawayCluster } from './postgres-cluster.js';
import { accessToken, prepareDatabase, type StaffLogin } from './staff.js';

/** A started server with its supervisor's login and token; `destroy()` stops it and removes its DATA_DIR. */
export interface RunningHiwa {
  hiwa: HiwaProcess;
  login: StaffLogin;
  token: string;
  /** the server's PostgreSQL database; absent for the embedded one */
  databaseUrl?: string;
  destroy(): Promise<void>;
}

let databases = 0;

/**
 * A server on a new database of the suite's own cluster (optionally in one of its tablespaces), or on an
 * embedded database in its DATA_DIR; accounts made before it starts.
 */
export async function startHiwa(on: { cluster: ThrowawayCluster; tablespace?: string } | 'embedded'): Promise<RunningHiwa> {
  const databaseUrl = on === 'embedded' ? undefined : await createDatabase(on.cluster, `hiwa_${process.pid}_${++databases}`, on.tablespace);
  const hiwa = await hiwaProcess({ databaseUrl });
  try {
    const login = await prepareDatabase(hiwa, databaseUrl);
    await hiwa.start();
    const token = await accessToken(hiwa.origin, login);
    return { hiwa, login, token, databaseUrl, destroy: () => hiwa.destroy() };
  } catch (err) {
    await hiwa.destroy();
    throw err;
  }
}

/** What the server logged between two moments (pino's `time`, ms): lines, errors, and stack traces among them. */
export function serverLogBetween(hiwa: HiwaProcess, from: number, until: number): { lines: number; errors: number; stacks: number } {
  const entries = fs
    .readFileSync(hiwa.logFile, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { time?: number; level?: number; err?: { stack?: string } })
    .filter((e) => e.time !== undefined && e.time >= from && e.time < until);
  return {
    lines: entries.length,
    errors: entries.filter((e) => (e.level ?? 0) >= 50).length,
    stacks: entries.filter((e) => e.err?.stack !== undefined).length,
  };
}

/** The last lines the server wrote, JSON or not (a crash's stack trace is not): to see why a check failed. */
export function serverLogTail(hiwa: HiwaProcess, lines: number): string {
  return fs.readFileSync(hiwa.logFile, 'utf8').split('\n').slice(-lines - 1).join('\n');
}
