import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/store/database.js';
import { printFigures, waitFor } from './support/figures.js';
import { checkIntegrity, faults } from './support/integrity.js';
import { createCluster } from './support/postgres-cluster.js';
import { probeReads } from './support/probe.js';
import { answeredBetween, countStatuses } from './support/answers.js';
import { summariseRefusals } from './support/refusals.js';
import { serverLogBetween, serverLogTail, startHiwa } from './support/running-hiwa.js';
import { runWriters, WriteLedger } from './support/write-workload.js';

/**
 * The database goes away under load and comes back (a PostgreSQL restart, a failover): while it is away the
 * server says so in a way clients can act on (503 + Retry-After, an OperationOutcome, not a stack per request),
 * and once it is back the server serves again by itself, with every acknowledged write kept.
 */
const WRITERS = 4;
const DOWN_MS = 4000;

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

describe('PostgreSQL restarted under load', () => {
  it('answers 503 with Retry-After while the database is down, and recovers without the operator', async () => {
    const cluster = await createCluster();
    cleanup.push(() => cluster.destroy());
    const { hiwa, login, token, databaseUrl } = await startHiwa({ cluster });
    cleanup.push(() => hiwa.destroy());

    const ledger = new WriteLedger();
    let stopped = false;
    const writing = runWriters({ fhirBase: hiwa.fhirBase, token, login, writers: WRITERS, ledger, stopped: () => stopped, pauseMs: 20 });
    const probing = probeReads(hiwa.origin, token, () => stopped, 100);
    await waitFor('writes acknowledged before the restart', () => ledger.acknowledgedWrites() >= 4 * WRITERS, 60_000);

    await cluster.stop('fast');
    const downAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, DOWN_MS));
    const restartAt = Date.now();
    await cluster.start();
    const upAt = Date.now();
    const recovered = (): boolean => {
      if (!hiwa.running()) throw new Error('the server process exited while the database was away');
      return ledger.answers.some((a) => a.at >= upAt && a.status >= 200 && a.status < 300);
    };
    await waitFor('a write acknowledged after the restart', recovered, 60_000).catch((err: unknown) => {
      printFigures('database restart, not recovered', { afterStart: ledger.statusCounts(upAt), serverRunning: hiwa.running() });
      console.log(serverLogTail(hiwa, 30));
      throw err;
    });
    const recoveredAt = Math.min(...ledger.answers.filter((a) => a.at >= upAt && a.status >= 200 && a.status < 300).map((a) => a.at));
    await new Promise((resolve) => setTimeout(resolve, 2000));
    stopped = true;
    await writing;
    const { reads, health } = await probing;

    // Requests sent while the database was down; those sent as it went down may still have completed.
    const down = summariseRefusals([...answeredBetween(ledger.answers, downAt, restartAt), ...answeredBetween(reads, downAt, restartAt)]);
    const healthDown = answeredBetween(health, downAt, restartAt).map((a) => a.status);
    const afterRecovery = [...answeredBetween(ledger.answers, recoveredAt, Infinity), ...answeredBetween(reads, recoveredAt, Infinity)];
    const log = serverLogBetween(hiwa, downAt, upAt);
    const store = await openDatabase({ databaseUrl, poolSize: 1 });
    cleanup.push(() => store.close());
    const report = await checkIntegrity(store.pool, ledger);
    printFigures('database restart', {
      downSeconds: ((upAt - downAt) / 1000).toFixed(1),
      recoverySecondsAfterStart: ((recoveredAt - upAt) / 1000).toFixed(1),
      before: ledger.statusCounts(0, downAt),
      whileDown: down.statuses,
      healthzWhileDown: healthDown.length,
      afterRecovery: countStatuses(afterRecovery),
      serverLogWhileDown: log,
      acknowledgedPatients: report.acknowledgedChecked,
      faults: faults(report),
    });

    expect(down.answers).toBeGreaterThan(0);
    expect(down.improper).toEqual([]);
    expect(healthDown.filter((status) => status !== 503)).toEqual([]);
    expect(afterRecovery.filter((a) => a.status < 200 || a.status >= 300)).toEqual([]);
    expect(log.stacks).toBe(0);
    expect(faults(report)).toEqual({});
  });
});
