import fs from 'node:fs';
import path from 'node:path';
import { BackupError, expectBackupKind, writeAtomically } from './backup-file.js';
import { openEmbedded } from './database.js';
import { acquireEmbeddedLock, type LockOptions } from './embedded-lock.js';

/**
 * Backup and restore of the embedded database: the whole PGlite data directory as one gzipped tarball
 * (`dumpDataDir`). Both hold the database's lock, so neither runs beside a server on the same directory.
 */

export async function backupEmbedded(dir: string, out: string, lock: LockOptions): Promise<{ bytes: number }> {
  if (!isDatabaseDir(dir)) throw new BackupError(`There is no embedded database in ${dir} (check DATA_DIR).`);
  const db = await openEmbedded(dir, lock);
  try {
    // Flush everything to the data files first, so the copy needs no recovery when it is opened.
    await db.pglite.exec('CHECKPOINT');
    const tarball = await db.pglite.dumpDataDir('gzip');
    const bytes = await writeAtomically(out, async (tmp) => fs.writeFileSync(tmp, Buffer.from(await tarball.arrayBuffer())));
    return { bytes };
  } finally {
    await db.close();
  }
}

export interface EmbeddedRestore {
  /** where the database that was there before went (with `force`), to be deleted once the restore is checked */
  previousMovedTo?: string;
  /** resources in the restored database */
  resources: number;
}

/**
 * Unpacks the tarball into a new directory beside `dir`, checks that it opens as a Hiwa database, and
 * only then puts it in place. An existing database is replaced only with `force`, and moved aside rather
 * than deleted.
 */
export async function restoreEmbedded(file: string, dir: string, options: { force: boolean; lock: LockOptions }): Promise<EmbeddedRestore> {
  expectBackupKind(file, 'embedded');
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const held = acquireEmbeddedLock(dir, options.lock);
  try {
    const occupied = fs.existsSync(dir) && fs.readdirSync(dir).length > 0;
    if (occupied && !options.force) {
      throw new BackupError(`${dir} already holds a database: restoring would replace it. Add --force to replace it (it is moved aside, not deleted).`);
    }
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const staging = `${dir}.restoring-${stamp}`;
    const resources = await unpackAndCheck(file, staging, options.lock);
    const previousMovedTo = occupied ? `${dir}.before-restore-${stamp}` : undefined;
    if (previousMovedTo) fs.renameSync(dir, previousMovedTo);
    else fs.rmSync(dir, { recursive: true, force: true }); // an empty directory
    fs.renameSync(staging, dir);
    return { resources, ...(previousMovedTo ? { previousMovedTo } : {}) };
  } finally {
    held.release();
  }
}

async function unpackAndCheck(file: string, staging: string, lock: LockOptions): Promise<number> {
  try {
    const db = await openEmbedded(staging, lock, new Blob([fs.readFileSync(file)]));
    try {
      const { rows } = await db.pglite.query<{ n: number }>('SELECT count(*)::int AS n FROM resource');
      return rows[0]?.n ?? 0;
    } finally {
      await db.close();
    }
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw err instanceof BackupError ? err : new BackupError(`${file} could not be restored as a Hiwa database: ${String(err)}`);
  }
}

/** PostgreSQL writes PG_VERSION first into a data directory it creates. */
function isDatabaseDir(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'PG_VERSION'));
}
