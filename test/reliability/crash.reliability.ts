import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/store/database.js';
import { printFigures, secondsSince, waitFor } from './support/figures.js';
import { checkIntegrity, faults, type IntegrityReport } from './support/integrity.js';
import { createCluster } from './support/postgres-cluster.js';
import { startHiwa, type RunningHiwa } from './support/running-hiwa.js';
import { runWriters, WriteLedger } from './support/write-workload.js';

/**
 * `kill -9` of the server while eight clients create, update and send transactions, then a restart and a few
 * more seconds of writing: what the clients were told was stored is stored, no transaction is half there, and
 * history and search index agree with the resources.
 */
const WRITERS = 8;

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

interface CrashRun {
  ledger: WriteLedger;
  unansweredAtKill: number;
}

async function killMidRun({ hiwa, login, token }: RunningHiwa, label: string): Promise<CrashRun> {
  const ledger = new WriteLedger();
  const write = async (until: () => Promise<void>): Promise<void> => {
    let stopped = false;
    const writing = runWriters({ fhirBase: hiwa.fhirBase, token, login, writers: WRITERS, ledger, stopped: () => stopped });
    await until();
    stopped = true;
    await writing;
  };

  const start = performance.now();
  await write(async () => {
    // Some seconds into steady writing, at a moment the writers do not choose: every writer has a request in flight.
    await waitFor('the first acknowledged writes', () => ledger.acknowledgedWrites() >= WRITERS, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 3000 + Math.random() * 3000));
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
    const cluster = await createCluster();
    cleanup.push(() => cluster.destroy());
    const server = await startHiwa({ cluster });
    cleanup.push(() => server.destroy());

    const run = await killMidRun(server, 'postgres');
    const store = await openDatabase({ databaseUrl: server.databaseUrl, poolSize: 1 });
    cleanup.push(() => store.close());
    expectIntact('postgres', run, await checkIntegrity(store.pool, run.ledger));
  });

  it('on the embedded database: the same, after the restarted server has opened it', async () => {
    const server = await startHiwa('embedded');
    cleanup.push(() => server.destroy());

    const run = await killMidRun(server, 'embedded');
    // The embedded database belongs to one process: the restarted server proved it opens, now the check reads it.
    await server.hiwa.stop();
    const store = await openDatabase({ embeddedDir: server.hiwa.embeddedDir });
    cleanup.push(() => store.close());
    expectIntact('embedded', run, await checkIntegrity(store.pool, run.ledger));
  });
});
