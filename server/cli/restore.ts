import { loadConfig } from '../config.js';
import { restoreEmbedded } from '../store/backup-embedded.js';
import { restoreServer } from '../store/backup-server.js';
import { embeddedDirIn } from '../store/database.js';
import { parseRestoreArgs } from './backup-flags.js';
import { runCommand } from './run-command.js';
import { cliLock } from './cli-lock.js';

/**
 * `npm run restore -- FILE [--force]`: a backup from `npm run backup` into the database of DATABASE_URL
 * (pg_restore, in one transaction) or, with DATABASE_URL unset, into DATA_DIR's embedded database (with
 * the server stopped). A target that already holds data is replaced only with --force.
 */
const usage = `Usage: npm run restore -- FILE [--force]
  DATABASE_URL set:   pg_restore into that database (--force: drop and replace what the backup contains)
  DATABASE_URL unset: into the embedded database in DATA_DIR (stop the server first; --force: move the
                      existing database aside and put the backup in its place)`;

process.exitCode = await runCommand(usage, async () => {
  const { file, force } = parseRestoreArgs(process.argv.slice(2));
  const config = loadConfig();
  const restored = config.databaseUrl
    ? { database: 'server', ...(await restoreServer(config.databaseUrl, file, { force })) }
    : { database: 'embedded', ...(await restoreEmbedded(file, embeddedDirIn(config.dataDir), { force, lock: cliLock('restore') })) };
  return { ...restored, from: file };
});
