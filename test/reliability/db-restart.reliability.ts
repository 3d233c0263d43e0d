import { describe, expect, it } from 'vitest';
import { answeredBetween, countStatuses } from './support/answers.js';
import { printFigures } from './support/figures.js';
import { faults } from './support/integrity.js';
import { checkServerDatabase, deferAfterEach, hiwaOnOwnCluster } from './support/lifecycle.js';
import { writeThroughOutage } from './support/outage.js';
import { summariseRefusals } from './support/refusals.js';
import { serverLogBetween } from './support/running-hiwa.js';

/**
 * The database goes away under load and comes back (a PostgreSQL restart, a failover): while it is away the
 * server says so in a way clients can act on (503 + Retry-After, an OperationOutcome, no stack trace per
 * request), and once it is back the server serves again by itself, with every acknowledged write kept.
 */
const defer = deferAfterEach();

describe('PostgreSQL restarted under load', () => {
  it('answers 503 with Retry-After while the database is down, and recovers without the operator', async () => {
    const { cluster, server } = await hiwaOnOwnCluster(defer);

    const run = await writeThroughOutage({
      server,
      writers: 4,
      begin: () => cluster.stop('fast'),
      end: () => cluster.start(),
      holdMs: 4000,
    });

    const whileDown = summariseRefusals(run.during);
    const healthWhileDown = answeredBetween(run.health, run.beganAt, run.endedAt);
    const log = serverLogBetween(server.hiwa, run.beganAt, run.endedAt);
    const report = await checkServerDatabase(server, run.ledger, defer);
    printFigures('database restart', {
      downSeconds: ((run.endedAt - run.beganAt) / 1000).toFixed(1),
      recoverySecondsAfterStart: ((run.recoveredAt - run.endedAt) / 1000).toFixed(1),
      before: run.ledger.statusCounts(0, run.beganAt),
      whileDown: whileDown.statuses,
      healthzWhileDown: countStatuses(healthWhileDown),
      afterRecovery: countStatuses(run.after),
      serverLogWhileDown: log,
      acknowledgedPatients: report.acknowledgedChecked,
      faults: faults(report),
    });

    expect(whileDown.refused).toBeGreaterThan(0);
    expect(whileDown.improper).toEqual([]);
    // /healthz says whether the database answers: 503 while it does not (200 for a probe sent as it went down).
    expect(healthWhileDown.filter((a) => a.status === 503).length).toBeGreaterThan(0);
    expect(healthWhileDown.filter((a) => a.status !== 503 && a.status !== 200)).toEqual([]);
    expect(run.after.filter((a) => a.status < 200 || a.status >= 300)).toEqual([]);
    expect(log.stacks).toBe(0);
    expect(faults(report)).toEqual({});
  });
});
