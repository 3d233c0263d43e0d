import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A small file system of its own (tmpfs, mounted by root) for a database tablespace, that the test can fill up
 * to the last byte and free again: a disk running full, without touching any disk the machine uses.
 */
export interface SmallDisk {
  /** an empty directory on the small file system, owned by `owner`, for `CREATE TABLESPACE … LOCATION` */
  tablespaceDir: string;
  /** writes a filler file until the file system refuses (ENOSPC); returns the bytes written */
  fill(): number;
  /** removes the filler file */
  free(): void;
  /** bytes in use on the file system */
  used(): number;
  unmount(): Promise<void>;
}

/** Mounting needs root; without it there is no honest way to run a disk full here, and the caller says so. */
export const canMountSmallDisk = process.getuid?.() === 0;

export async function mountSmallDisk(sizeMb: number, owner: { uid: number; gid: number } | undefined): Promise<SmallDisk> {
  const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'hiwa-reliability-disk-'));
  await run('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m,mode=0755`, 'tmpfs', mountPoint]);
  const unmountOnExit = (): void => {
    try {
      execFileSync('umount', ['-l', mountPoint]);
      fs.rmdirSync(mountPoint);
    } catch {
      // already unmounted
    }
  };
  process.once('exit', unmountOnExit);
  const tablespaceDir = path.join(mountPoint, 'tablespace');
  fs.mkdirSync(tablespaceDir, { mode: 0o700 });
  if (owner) fs.chownSync(tablespaceDir, owner.uid, owner.gid);
  const filler = path.join(mountPoint, 'filler');
  return {
    tablespaceDir,
    fill() {
      const fd = fs.openSync(filler, 'a');
      let written = 0;
      try {
        // Large pieces first, then single pages, until not even a page fits.
        for (const size of [1 << 20, 4096]) {
          const chunk = Buffer.alloc(size, 0xff);
          for (;;) {
            try {
              written += fs.writeSync(fd, chunk);
            } catch (err) {
              if ((err as NodeJS.ErrnoException).code === 'ENOSPC') break;
              throw err;
            }
          }
        }
      } finally {
        fs.closeSync(fd);
      }
      return written;
    },
    free() {
      fs.rmSync(filler, { force: true });
    },
    used() {
      const stats = fs.statfsSync(mountPoint);
      return (stats.blocks - stats.bfree) * stats.bsize;
    },
    async unmount() {
      process.off('exit', unmountOnExit);
      await run('umount', [mountPoint]);
      fs.rmdirSync(mountPoint);
    },
  };
}
