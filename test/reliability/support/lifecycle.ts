import { afterAll, afterEach } from 'vitest';
import { openDatabase } from '../../../server/store/database.js';
import { checkIntegrity, type IntegrityReport } from './integrity.js';
import { createCluster, type ThrowawayCluster } from './postgres-cluster.js';
import { startHiwa, type RunningHiwa } from './running-hiwa.js';
import type { WriteLedger } from './write-workload.js';

/** Registers a step to run after the current test (or file), pass or fail; steps run last-registered first. */
export type Defer = (step: () => Promise<void>) => void;

export function deferAfterEach(): Defer {
  return deferAfter(afterEach);
}

/** For what a file's tests share (a cluster, a server): gone once they have all run. */
export function deferAfterAll(): Defer {
  return deferAfter(afterAll);
}

function deferAfter(hook: typeof afterEach): Defer {
  let steps: (() => Promise<void>)[] = [];
  hook(async () => {
    const due = steps.reverse();
    steps = [];
    for (const step of due) await step();
  });
  return (step) => void steps.push(step);
}

/** A cluster of the suite's own with a server on a database of it, both gone after the test. */
export async function hiwaOnOwnCluster(defer: Defer): Promise<{ cluster: ThrowawayCluster; server: RunningHiwa }> {
  const cluster = await createCluster();
  defer(() => cluster.destroy());
  const server = await startHiwa({ cluster });
  defer(() => server.destroy());
  return { cluster, server };
}

/**
 * The integrity check on the server's database. The embedded database belongs to one process, so the server is
 * stopped first (in an orderly way: what it acknowledged before must already be on disk either way).
 */
export async function checkServerDatabase(server: RunningHiwa, ledger: WriteLedger, defer: Defer): Promise<IntegrityReport> {
  if (!server.databaseUrl) await server.hiwa.stop();
  const store = await openDatabase(server.databaseUrl ? { databaseUrl: server.databaseUrl, poolSize: 1 } : { embeddedDir: server.hiwa.embeddedDir });
  defer(() => store.close());
  return checkIntegrity(store.pool, ledger);
}
