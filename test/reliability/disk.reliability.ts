import { beforeAll, describe, expect, it } from 'vitest';
import { countStatuses } from './support/answers.js';
import { printFigures } from './support/figures.js';
import { faults } from './support/integrity.js';
import { checkServerDatabase, deferAfterAll } from './support/lifecycle.js';
import { writeThroughOutage, type OutageOptions } from './support/outage.js';
import { clusterOwner, createCluster, type ThrowawayCluster } from './support/postgres-cluster.js';
import { summariseRefusals } from './support/refusals.js';
import { startHiwa, type RunningHiwa } from './support/running-hiwa.js';
import { canMountSmallDisk, mountSmallDisk, type SmallDisk } from './support/small-disk.js';

/**
 * The database can read but not write: it was made read-only (a standby, an operator's switch), or its disk is
 * full. Writes are refused with a clear answer (503 + Retry-After, an OperationOutcome, never a 500), nothing
 * is acknowledged that was not stored, nothing refused is stored, and once the database can write again the
 * server writes again by itself. One cluster and one server for both: the Hiwa database lives in a tablespace
 * on a small tmpfs of its own, which the disk-full case fills up.
 */
const defer = deferAfterAll();
let cluster: ThrowawayCluster;
let disk: SmallDisk;
let server: RunningHiwa;

async function expectRefusedCleanly(label: string, impairment: Pick<OutageOptions, 'begin' | 'end'>, figures: () => Record<string, unknown>): Promise<void> {
  const run = await writeThroughOutage({ server, writers: 4, holdMs: 3000, ...impairment });
  const during = summariseRefusals(run.during);
  const report = await checkServerDatabase(server, run.ledger, defer);
  printFigures(label, {
    impairedSeconds: ((run.endedAt - run.beganAt) / 1000).toFixed(1),
    recoverySeconds: ((run.recoveredAt - run.endedAt) / 1000).toFixed(1),
    before: run.ledger.statusCounts(0, run.beganAt),
    during: during.statuses,
    afterRecovery: countStatuses(run.after),
    acknowledgedPatients: report.acknowledgedChecked,
    refusedWrites: run.ledger.answers.filter((a) => a.status >= 300).length,
    ...figures(),
    faults: faults(report),
  });
  expect(during.refused).toBeGreaterThan(0);
  expect(during.improper).toEqual([]);
  expect(run.after.filter((a) => a.status < 200 || a.status >= 300)).toEqual([]);
  expect(faults(report)).toEqual({});
}

describe.skipIf(!canMountSmallDisk)('a database that cannot write (needs root, to mount a tmpfs)', () => {
  beforeAll(async () => {
    cluster = await createCluster();
    defer(() => cluster.destroy());
    disk = await mountSmallDisk(64, clusterOwner());
    // The cluster lets go of the file system before it is unmounted.
    defer(async () => {
      await cluster.stop('immediate');
      await disk.unmount();
    });
    await cluster.sql([`CREATE TABLESPACE small LOCATION '${disk.tablespaceDir}'`]);
    server = await startHiwa({ cluster, tablespace: 'small' });
    defer(() => server.destroy());
  });

  it('read-only (default_transaction_read_only on, reloaded): writes refused with 503, nothing refused stored, writes resume', async () => {
    await expectRefusedCleanly(
      'read-only database',
      {
        begin: async () => void (await cluster.sql(['ALTER SYSTEM SET default_transaction_read_only = on', 'SELECT pg_reload_conf()'])),
        // The session of the switch itself starts read-only now: it says otherwise for itself first.
        end: async () =>
          void (await cluster.sql(['SET default_transaction_read_only = off', 'ALTER SYSTEM RESET default_transaction_read_only', 'SELECT pg_reload_conf()'])),
      },
      () => ({}),
    );
  });

  it('disk full (its tablespace on a small tmpfs, filled up): writes refused with 503, nothing lost, writes resume once freed', async () => {
    const usedBefore = disk.used();
    let filler = 0;
    await expectRefusedCleanly(
      'disk full',
      {
        begin: async () => void (filler = disk.fill()),
        end: async () => disk.free(),
      },
      () => ({ databaseMbBefore: (usedBefore / 2 ** 20).toFixed(1), fillerMb: (filler / 2 ** 20).toFixed(1) }),
    );
  });
});
