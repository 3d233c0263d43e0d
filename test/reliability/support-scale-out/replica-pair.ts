import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../../bench/server-process.js';

const run = promisify(execFile);

export interface ReplicaPair {
  /** the primary's `hiwa` database */
  primaryUrl: string;
  /** the same database on the streaming replica */
  replicaUrl: string;
  stop(): Promise<void>;
}

/** A throwaway primary and its streaming replica on loopback, made by scripts/replica/setup.sh. */
export async function startReplicaPair(): Promise<ReplicaPair> {
  const dir = path.join(os.tmpdir(), `hiwa-replica-${randomBytes(4).toString('hex')}`);
  const stop = async (): Promise<void> => {
    await run(path.join(repoRoot, 'scripts/replica/teardown.sh'), [dir]);
  };
  try {
    const { stdout } = await run(path.join(repoRoot, 'scripts/replica/setup.sh'), [dir], { timeout: 120_000 });
    const url = (name: string): string => {
      const line = stdout.split('\n').find((l) => l.startsWith(`${name}=`));
      if (!line) throw new Error(`setup.sh printed no ${name}:\n${stdout}`);
      return line.slice(name.length + 1);
    };
    return { primaryUrl: url('DATABASE_URL'), replicaUrl: url('DATABASE_READ_URL'), stop };
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
}
