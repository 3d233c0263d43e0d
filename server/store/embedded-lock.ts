import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { z } from 'zod';

/**
 * One process at a time on an embedded database. PGlite keeps PostgreSQL's shared memory inside the
 * process, so two processes on one data directory each believe they own it: both acknowledge writes, and
 * afterwards writes are gone and indexes are corrupt. The lock is a file beside the database directory
 * (`<dir>.lock`) naming its owner; whoever finds it held by a live process stops before opening anything.
 */
const lockOwnerSchema = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  /** Linux's id of the current boot: a lock written before a reboot is stale whatever its pid */
  bootId: z.string().optional(),
  startedAt: z.string(),
  /** what holds it: `server`, `admin`, `backup`, … */
  purpose: z.string(),
  /** tells this acquisition apart from an earlier one by a process that got the same pid */
  nonce: z.string(),
});
export type LockOwner = z.infer<typeof lockOwnerSchema>;

export class EmbeddedDatabaseLockedError extends Error {
  constructor(
    readonly lockFile: string,
    /** undefined when the lock file cannot be read as a lock */
    readonly owner: LockOwner | undefined,
  ) {
    super(lockedMessage(lockFile, owner));
    this.name = 'EmbeddedDatabaseLockedError';
  }
}

export interface EmbeddedLock {
  readonly file: string;
  readonly owner: LockOwner;
  /** removes the lock file if it is still this process's; safe to call twice */
  release(): void;
}

export interface LockOptions {
  /** what this process is, shown to whoever is refused */
  purpose: string;
  /** told when a lock left by a process that no longer runs is taken over */
  onStaleLock?: (stale: LockOwner, lockFile: string) => void;
}

export const lockFileOf = (embeddedDir: string): string => `${embeddedDir}.lock`;

/** Rounds of create → find a dead owner → remove it; each further round needs another process racing us. */
const maxAttempts = 3;

export function acquireEmbeddedLock(embeddedDir: string, options: LockOptions): EmbeddedLock {
  const file = lockFileOf(embeddedDir);
  const owner: LockOwner = {
    pid: process.pid,
    host: os.hostname(),
    bootId: currentBootId(),
    startedAt: new Date().toISOString(),
    purpose: options.purpose,
    nonce: randomBytes(8).toString('hex'),
  };
  const text = `${JSON.stringify(owner)}\n`;
  for (let attempt = 0; ; attempt++) {
    if (createExclusively(file, text)) return heldLock(file, owner, text);
    const found = readLock(file);
    const lastAttempt = attempt >= maxAttempts;
    if (found === 'absent' && !lastAttempt) continue; // released between our attempt and the read
    if (found === 'absent' || found === 'unreadable') throw new EmbeddedDatabaseLockedError(file, undefined);
    if (lastAttempt || !isStale(found)) throw new EmbeddedDatabaseLockedError(file, found);
    if (removeIfUnchanged(file, found)) options.onStaleLock?.(found, file);
  }
}

/**
 * Writes the lock whole under a private name, then links it into place: `link` fails if the name exists,
 * like `open` with `wx`, and nobody ever reads a half-written lock and takes it for a stale one.
 */
function createExclusively(file: string, text: string): boolean {
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  fs.writeFileSync(draft, text, { flag: 'wx', mode: 0o644 });
  try {
    fs.linkSync(draft, file);
    return true;
  } catch (err) {
    if (errorCode(err) === 'EEXIST') return false;
    throw err;
  } finally {
    fs.rmSync(draft, { force: true });
  }
}

function readLock(file: string): LockOwner | 'absent' | 'unreadable' {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return 'absent';
    throw err;
  }
  try {
    const parsed = lockOwnerSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

/**
 * Stale = written on this host, and its process is gone (or the host has rebooted since). A lock from
 * another host (a shared file system) cannot be checked from here and counts as held.
 */
function isStale(owner: LockOwner): boolean {
  if (owner.host !== os.hostname()) return false;
  const bootId = currentBootId();
  if (owner.bootId && bootId && owner.bootId !== bootId) return true;
  if (owner.pid === process.pid) return false; // this very process holds it (a second open in one process)
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (err) {
    return errorCode(err) === 'ESRCH'; // EPERM: alive, another user's
  }
}

/**
 * Moves the stale lock aside under a private name and checks it is the one judged stale: if another
 * process took it over in the meantime, we moved a live lock, and it is put back (`link` again, so a
 * third process that got in first is not overwritten).
 */
function removeIfUnchanged(file: string, stale: LockOwner): boolean {
  const aside = `${file}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    fs.renameSync(file, aside);
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return false; // someone else removed it first
    throw err;
  }
  try {
    const moved = readLock(aside);
    if (moved !== 'absent' && moved !== 'unreadable' && moved.nonce === stale.nonce) return true;
    try {
      fs.linkSync(aside, file);
    } catch (err) {
      if (errorCode(err) !== 'EEXIST') throw err;
    }
    return false;
  } finally {
    fs.rmSync(aside, { force: true });
  }
}

function heldLock(file: string, owner: LockOwner, text: string): EmbeddedLock {
  let held = true;
  const release = (): void => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    // Only our own lock: after a takeover by someone who judged us dead, the file is theirs.
    if (readLockText(file) === text) fs.rmSync(file, { force: true });
  };
  // Whatever ends the process short of a kill (an exception, process.exit), the lock goes with it.
  process.on('exit', release);
  return { file, owner, release };
}

function readLockText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function currentBootId(): string | undefined {
  try {
    return fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
  } catch {
    return undefined; // not Linux: the pid check alone decides
  }
}

function errorCode(err: unknown): string | undefined {
  return err instanceof Error && 'code' in err ? String(err.code) : undefined;
}

function lockedMessage(lockFile: string, owner: LockOwner | undefined): string {
  if (!owner) {
    return (
      `The embedded database's lock file ${lockFile} cannot be read as a Hiwa lock (or kept changing while ` +
      'it was read). If no Hiwa process uses this data directory, delete that file and start again.'
    );
  }
  const where = owner.host === os.hostname() ? '' : ` on host ${owner.host}`;
  const who = owner.pid === process.pid && !where ? 'this process' : `process ${owner.pid}${where}`;
  return (
    `The embedded database is in use by ${who} (${owner.purpose}, since ${owner.startedAt}); ` +
    `lock file ${lockFile}. One process at a time may open it: stop that process first, or set DATABASE_URL ` +
    'to share a PostgreSQL server between processes.'
  );
}
