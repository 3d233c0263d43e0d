import { describe, expect, it } from 'vitest';
import { printFigures, secondsSince, waitFor } from './support/figures.js';
import { faults, type IntegrityReport } from './support/integrity.js';
import { checkServerDatabase, deferAfterEach, hiwaOnOwnCluster } from './support/lifecycle.js';
import { startHiwa, type RunningHiwa } from './support/running-hiwa.js';
import { runWriters, WriteLedger } from './support/write-workload.js';

/**
 * `kill -9` of the server while eight clients create, update and send transactions, then a restart and a few
 * more seconds of writing: what the clients were told was stored is stored, no transaction is half there, and
 * history and search index agree with the resources.
 */
const WRITERS = 8;

const defer = deferAfterEach();

interface CrashRun {
  ledger: WriteLedger;
  unansweredAtKill: number;
}

async function killMidRun({ hiwa, login, token }: RunningHiwa, label: string): Promise<CrashRun> {
  const ledger = new WriteLedger();
  const write = async (until: (stop: () => void) => Promise<void>): Promise<void> => {
    let stopped = false;
    const stop = (): void => void (stopped = true);
    const writing = runWriters({ fhirBase: hiwa.fhirBase, token, login, writers: WRITERS, ledger, stopped: () => stopped });
    await until(stop);
    stop();
    await writing;
  };

  const start = performance.now();
  await write(async (stop) => {
    // Some seconds into steady writing, at a moment the writers do not choose: every writer has a request in flight.
    await waitFor('the first acknowledged writes', () => ledger.acknowledgedWrites() >= WRITERS, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 3000 + Math.random() * 3000));
    // Told to stop first, the writers send nothing more: the requests without an answer are those the kill cut off.
    stop();
    await hiwa.kill();
  });
  const writeSeconds = secondsSince(start);
  const beforeKill = ledger.statusCounts();
  const restart = performance.now();
  await hiwa.start();
  const restartSeconds = secondsSince(restart);
  const afterRestart = Date.now();
  await write(() => new Promise((resolve) => setTimeout(resolve, 2000)));
  printFigures(`crash ${label}`, {
    writeSeconds,
    beforeKill,
    restartSeconds,
    afterRestart: ledger.statusCounts(afterRestart),
  });
  return { ledger, unansweredAtKill: beforeKill[0] ?? 0 };
}

function expectIntact(label: string, run: CrashRun, report: IntegrityReport): void {
  printFigures(`crash ${label}`, {
    acknowledgedWrites: run.ledger.acknowledgedWrites(),
    acknowledgedPatients: report.acknowledgedChecked,
    unansweredAtKills: run.unansweredAtKill,
    transactions: run.ledger.transactions.size,
    transactionsComplete: report.transactionsComplete,
    transactionsAbsent: report.transactionsAbsent,
    faults: faults(report),
  });
  // Only server faults or kills: a client mistake (4xx) would mean the workload itself is wrong.
  const answered = run.ledger.answers.filter((a) => a.status !== 0);
  expect(answered.filter((a) => a.status >= 300)).toEqual([]);
  expect(report.acknowledgedChecked).toBeGreaterThan(0);
  expect(faults(report)).toEqual({});
}

describe('kill -9 under eight concurrent writers, then a restart', () => {
  it('on PostgreSQL (a cluster of its own): every acknowledged write is there, no transaction half-applied, history and index agree', async () => {
    const { server } = await hiwaOnOwnCluster(defer);
    const run = await killMidRun(server, 'postgres');
    expectIntact('postgres', run, await checkServerDatabase(server, run.ledger, defer));
  });

  it('on the embedded database: the same, after the restarted server has opened it', async () => {
    const server = await startHiwa('embedded');
    defer(() => server.destroy());
    const run = await killMidRun(server, 'embedded');
    expectIntact('embedded', run, await checkServerDatabase(server, run.ledger, defer));
  });
});
