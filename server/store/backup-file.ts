import fs from 'node:fs';
import path from 'node:path';

/** A backup or restore that cannot go ahead, for a reason the operator can act on (the message says which). */
export class BackupError extends Error {
  override name = 'BackupError';
}

/** What a backup file holds, from its first bytes. */
export type BackupKind = 'embedded' | 'server';

/** `pg_dump --format=custom` files start with "PGDMP"; PGlite's `dumpDataDir('gzip')` is a gzipped tarball. */
export function backupKindOf(file: string): BackupKind | undefined {
  let head: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      head = Buffer.alloc(5);
      fs.readSync(fd, head, 0, 5, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch (err) {
    throw new BackupError(`Cannot read the backup ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (head.toString('latin1') === 'PGDMP') return 'server';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'embedded';
  return undefined;
}

/** Refuses a backup made of the other kind of database, or not made by Hiwa at all. */
export function expectBackupKind(file: string, expected: BackupKind): void {
  const kind = backupKindOf(file);
  if (kind === expected) return;
  const what = { embedded: 'an embedded database (PGlite data directory)', server: 'a PostgreSQL server (pg_dump)' };
  throw new BackupError(
    kind
      ? `${file} is a backup of ${what[kind]}, and this restore goes to ${what[expected]}: restore it with DATABASE_URL ${kind === 'server' ? 'set to a server' : 'unset'}.`
      : `${file} is not a Hiwa backup (neither a pg_dump custom archive nor an embedded database tarball).`,
  );
}

/**
 * Writes a backup beside its final name and renames it into place once complete, so that a failed run
 * never leaves half a file where last night's good one was.
 */
export async function writeAtomically(out: string, write: (tmp: string) => Promise<void>): Promise<number> {
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  const tmp = `${out}.partial-${process.pid}`;
  try {
    await write(tmp);
    fs.renameSync(tmp, out);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return fs.statSync(out).size;
}
