import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { BackupError, expectBackupKind, writeAtomically } from './backup-file.js';

/**
 * Backup and restore of a PostgreSQL server's database with PostgreSQL's own tools: `pg_dump
 * --format=custom` (compressed, restorable table by table) and `pg_restore` in one transaction, so a
 * restore that fails leaves the target as it was.
 */

export async function backupServer(databaseUrl: string, out: string): Promise<{ bytes: number }> {
  const pgDump = findPostgresTool('pg_dump');
  const bytes = await writeAtomically(out, (tmp) => runTool(pgDump, ['--format=custom', `--file=${tmp}`], databaseUrl));
  return { bytes };
}

export async function restoreServer(databaseUrl: string, file: string, options: { force: boolean }): Promise<{ tables: number }> {
  expectBackupKind(file, 'server');
  const pgRestore = findPostgresTool('pg_restore');
  const before = await countTables(databaseUrl);
  if (before > 0 && !options.force) {
    throw new BackupError(
      `The target database already has ${before} tables: restoring would replace them. Add --force to drop and replace what the backup contains.`,
    );
  }
  // --no-owner/--no-privileges: the objects belong to whoever restores, so a backup restores on a server
  // whose roles differ from the one it was taken on.
  await runTool(pgRestore, ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', file], databaseUrl);
  return { tables: await countTables(databaseUrl) };
}

async function countTables(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND s.nspname NOT IN ('pg_catalog', 'information_schema') AND s.nspname NOT LIKE 'pg_toast%'`,
    );
    return rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

/**
 * A PostgreSQL client program: on PATH (Debian's wrapper picks the newest installed version), else the
 * newest under /usr/lib/postgresql/<version>/bin. pg_dump must be at least as new as the server.
 */
export function findPostgresTool(name: 'pg_dump' | 'pg_restore'): string {
  const onPath = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, name));
  const debianRoot = '/usr/lib/postgresql';
  const versioned = fs.existsSync(debianRoot)
    ? fs
        .readdirSync(debianRoot)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => path.join(debianRoot, v, 'bin', name))
    : [];
  const found = [...onPath, ...versioned].find((candidate) => isExecutable(candidate));
  if (!found) {
    throw new BackupError(
      `${name} was not found on PATH or under ${debianRoot}/*/bin: install the PostgreSQL client ` +
        '(Debian: apt-get install postgresql-client, or scripts/install-system-deps.sh), in a version at least that of the server.',
    );
  }
  return found;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Runs pg_dump or pg_restore against the database. The password travels in PGPASSWORD, not on the command
 * line, where every user of the host could read it.
 */
function runTool(program: string, args: string[], databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) };
  return new Promise((resolve, reject) => {
    const child = spawn(program, [`--dbname=${url.toString()}`, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-8000))); // the end says what went wrong
    child.once('error', (err) => reject(new BackupError(`${program} could not be run: ${err.message}`)));
    child.once('close', (code) => {
      if (code === 0) resolve();
      else reject(new BackupError(`${path.basename(program)} failed (exit ${code}):\n${stderr.trim()}`));
    });
  });
}
