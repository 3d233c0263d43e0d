import { answeredBetween, type Answer } from './answers.js';
import { waitFor } from './figures.js';
import { probeReads } from './probe.js';
import type { RunningHiwa } from './running-hiwa.js';
import { serverLogTail } from './running-hiwa.js';
import { runWriters, WriteLedger } from './write-workload.js';

export interface OutageOptions {
  server: RunningHiwa;
  writers: number;
  /** takes the database's ability to write (or to serve at all) away */
  begin(): Promise<void>;
  /** gives it back, as an operator fixing the database would; the server itself is left alone */
  end(): Promise<void>;
  /** the impairment lasts at least this long, and until some writes have been refused */
  holdMs: number;
}

export interface OutageRun {
  ledger: WriteLedger;
  reads: Answer[];
  health: Answer[];
  beganAt: number;
  endedAt: number;
  /** when the first request that was then acknowledged was sent after `end()` */
  recoveredAt: number;
  /** writes and reads sent from the start of `begin()` to the end of `end()` */
  during: Answer[];
  /** writes and reads sent from recovery on */
  after: Answer[];
}

/**
 * Writers and a reader run against the server; the database is impaired for a while and then repaired, with the
 * writers going on throughout; it ends two seconds after the first write acknowledged after the repair.
 */
export async function writeThroughOutage(options: OutageOptions): Promise<OutageRun> {
  const { hiwa, login, token } = options.server;
  const ledger = new WriteLedger();
  let stopped = false;
  const writing = runWriters({ fhirBase: hiwa.fhirBase, token, login, writers: options.writers, ledger, stopped: () => stopped, pauseMs: 20 });
  const probing = probeReads(hiwa.origin, token, () => stopped, 100);
  const stillRunning = (): void => {
    if (!hiwa.running()) throw new Error(`the server process exited during the outage:\n${serverLogTail(hiwa, 30)}`);
  };
  try {
    await waitFor('writes acknowledged before the outage', () => ledger.acknowledgedWrites() >= 4 * options.writers, 60_000);
    // Requests sent while the switch is being made count as sent during the outage: they may go either way.
    const beganAt = Date.now();
    await options.begin();
    await new Promise((resolve) => setTimeout(resolve, options.holdMs));
    const refused = (): boolean => {
      stillRunning();
      return answeredBetween(ledger.answers, beganAt, Infinity).some((a) => a.status >= 300 || a.status === 0);
    };
    // Not refused yet (free space left in pages already allocated, say): go on until writes are.
    await waitFor('a write refused during the outage', refused, 30_000);
    await options.end();
    const endedAt = Date.now();
    const acknowledgedAfterEnd = (): Answer[] => answeredBetween(ledger.answers, endedAt, Infinity).filter((a) => a.status >= 200 && a.status < 300);
    await waitFor('a write acknowledged after the outage', () => (stillRunning(), acknowledgedAfterEnd().length > 0), 60_000);
    const recoveredAt = Math.min(...acknowledgedAfterEnd().map((a) => a.at));
    await new Promise((resolve) => setTimeout(resolve, 2000));
    stopped = true;
    await writing;
    const { reads, health } = await probing;
    const all = [...ledger.answers, ...reads];
    return {
      ledger,
      reads,
      health,
      beganAt,
      endedAt,
      recoveredAt,
      during: answeredBetween(all, beganAt, endedAt),
      after: answeredBetween(all, recoveredAt, Infinity),
    };
  } finally {
    stopped = true;
    await Promise.allSettled([writing, probing]);
  }
}
