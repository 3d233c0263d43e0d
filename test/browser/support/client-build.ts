import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dist = path.join(root, 'client/dist');
/** written after a successful build; its time is the build's */
const stamp = path.join(dist, '.built');
// The client bundles these: its own sources, the pure questionnaire code and the code systems it imports.
const inputs = ['client/src', 'client/index.html', 'client/vite.config.ts', 'questionnaires', 'fhir-profiles'].map((p) => path.join(root, p));
const lock = path.join(root, 'node_modules/.cache/hiwa-client-build.lock');
const STALE_LOCK_MS = 120_000;

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stats = statSync(target);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(target).map((entry) => newestMtime(path.join(target, entry))));
}

function isFresh(): boolean {
  return existsSync(stamp) && statSync(stamp).mtimeMs >= Math.max(...inputs.map(newestMtime));
}

function tryLock(): boolean {
  try {
    mkdirSync(lock, { recursive: false });
    return true;
  } catch {
    // a build that died leaves its lock behind; one older than any build could take is taken over
    if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
    return false;
  }
}

/**
 * Builds the web client into client/dist when it is missing or older than its sources, so the browser
 * tests always drive the code in the tree. Test files run in parallel processes: one builds under a lock
 * directory while the others wait for it, then find the build fresh.
 */
export async function ensureClientBuilt(): Promise<void> {
  mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + STALE_LOCK_MS;
  while (!isFresh()) {
    if (tryLock()) {
      try {
        if (!isFresh()) {
          await promisify(execFile)(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'client/vite.config.ts', '--logLevel', 'warn'], {
            cwd: root,
            // vitest sets NODE_ENV=test, which would make Vite bundle React's development build (316 KB became 554 KB)
            env: { ...process.env, NODE_ENV: 'production' },
          });
          writeFileSync(stamp, new Date().toISOString());
        }
      } finally {
        rmSync(lock, { recursive: true, force: true });
      }
      return;
    }
    if (Date.now() > deadline) throw new Error('Timed out waiting for another test process to build the web client');
    await new Promise((resolve) => setTimeout(resolve, 250)); // waiting on another process's build, not on the page
  }
}
