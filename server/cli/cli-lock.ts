import type { LockOptions } from '../store/embedded-lock.js';

/** The embedded lock as a command-line tool takes it: named after the command, a taken-over stale lock told on stderr. */
export function cliLock(purpose: string): LockOptions {
  return {
    purpose,
    onStaleLock: (stale, lockFile) =>
      process.stderr.write(`note: took over ${lockFile} from process ${stale.pid} (${stale.purpose}), which no longer runs\n`),
  };
}
