import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/store/database.js';
import { acquireEmbeddedLock, EmbeddedDatabaseLockedError, lockFileOf, type EmbeddedLock, type LockOwner } from '../../server/store/embedded-lock.js';

let dataDir: string;
let dbDir: string;
const held: EmbeddedLock[] = [];
const acquire = (purpose = 'server', onStaleLock?: (stale: LockOwner) => void): EmbeddedLock => {
  const lock = acquireEmbeddedLock(dbDir, { purpose, onStaleLock });
  held.push(lock);
  return lock;
};
const lockOnDisk = (): LockOwner => JSON.parse(fs.readFileSync(lockFileOf(dbDir), 'utf8')) as LockOwner;
/** Rewrites the lock on disk as if another process had written it. */
const pretendOwner = (change: Partial<LockOwner>): void => fs.writeFileSync(lockFileOf(dbDir), JSON.stringify({ ...lockOnDisk(), ...change }));
/** The pid of a process that has run and exited. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid as number;

function refusal(fn: () => unknown): EmbeddedDatabaseLockedError {
  try {
    fn();
  } catch (err) {
    if (err instanceof EmbeddedDatabaseLockedError) return err;
    throw err;
  }
  throw new Error('the lock was granted');
}

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hiwa-lock-'));
  dbDir = path.join(dataDir, 'pgdata');
});
afterEach(() => {
  for (const lock of held.splice(0)) lock.release();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the embedded database lock', () => {
  it('is a file beside the database directory naming this process, its host and when it started', () => {
    const lock = acquire('server');
    expect(lock.file).toBe(path.join(dataDir, 'pgdata.lock'));
    expect(lockOnDisk()).toMatchObject({ pid: process.pid, host: os.hostname(), purpose: 'server' });
    expect(Date.parse(lockOnDisk().startedAt)).not.toBeNaN();
    expect(fs.readdirSync(dataDir)).toEqual(['pgdata.lock']); // no draft or stale copies left behind
  });

  it('refuses a second acquisition while a live process holds it, naming the process and the lock file', () => {
    acquire('server');
    pretendOwner({ pid: process.ppid });
    const err = refusal(() => acquire('admin'));
    expect(err.owner?.pid).toBe(process.ppid);
    expect(err.message).toContain(`process ${process.ppid}`);
    expect(err.message).toContain('(server, since');
    expect(err.message).toContain(lockFileOf(dbDir));
    expect(lockOnDisk().pid).toBe(process.ppid);
  });

  it('refuses a second acquisition by the same process: two PGlite instances on one directory corrupt it too', () => {
    acquire();
    expect(refusal(() => acquire()).message).toContain('in use by this process');
  });

  it('takes over a lock whose process no longer runs, and says so', () => {
    acquire('server');
    const dead = deadPid();
    pretendOwner({ pid: dead });
    const told: LockOwner[] = [];
    const lock = acquire('admin', (stale) => told.push(stale));
    expect(told.map((s) => s.pid)).toEqual([dead]);
    expect(lockOnDisk()).toEqual(lock.owner);
    expect(fs.readdirSync(dataDir)).toEqual(['pgdata.lock']);
  });

  it.skipIf(!fs.existsSync('/proc/sys/kernel/random/boot_id'))('takes over a lock written before the host rebooted, whatever its pid', () => {
    acquire();
    pretendOwner({ pid: process.ppid, bootId: 'an-earlier-boot' });
    expect(acquire('admin').owner.pid).toBe(process.pid);
  });

  it('counts a lock of another host as held: its process cannot be checked from here', () => {
    acquire();
    pretendOwner({ pid: deadPid(), host: 'another-host' });
    expect(refusal(() => acquire()).message).toContain('on host another-host');
  });

  it('refuses a lock file it cannot read, and says to delete it if nothing uses the directory', () => {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(lockFileOf(dbDir), 'not a lock');
    const err = refusal(() => acquire());
    expect(err.owner).toBeUndefined();
    expect(err.message).toContain('delete that file');
  });

  it('is released by release(), and then the next process gets it', () => {
    acquire().release();
    expect(fs.existsSync(lockFileOf(dbDir))).toBe(false);
    expect(acquire('admin').owner.purpose).toBe('admin');
  });

  it('leaves alone a lock that another process took over from it', () => {
    const first = acquire();
    pretendOwner({ pid: process.ppid, nonce: 'someone-else' });
    first.release();
    expect(lockOnDisk().nonce).toBe('someone-else');
  });
});

/** Starting PGlite on two shared cores takes from seconds to most of a minute. */
const pgliteStart = { timeout: 180_000 };

describe('opening the embedded database', pgliteStart, () => {
  it('holds the lock from open to close, and another open in between is refused before touching the database', async () => {
    const db = await openDatabase({ embeddedDir: dbDir, lock: { purpose: 'server' } });
    try {
      expect(lockOnDisk()).toMatchObject({ pid: process.pid, purpose: 'server' });
      await expect(openDatabase({ embeddedDir: dbDir, lock: { purpose: 'admin' } })).rejects.toThrow(EmbeddedDatabaseLockedError);
      await db.pool.query('SELECT 1');
    } finally {
      await db.close();
    }
    expect(fs.existsSync(lockFileOf(dbDir))).toBe(false);
  });

  it('needs no lock in memory: every in-memory database is its own', async () => {
    const [a, b] = await Promise.all([openDatabase({ embeddedDir: 'memory://' }), openDatabase({})]);
    await Promise.all([a.close(), b.close()]);
  });
});
