import { loadConfig } from '../config.js';
import { backupEmbedded } from '../store/backup-embedded.js';
import { backupServer } from '../store/backup-server.js';
import { embeddedDirIn } from '../store/database.js';
import { parseBackupArgs } from './backup-flags.js';
import { runCommand } from './run-command.js';
import { cliLock } from './cli-lock.js';

/**
 * `npm run backup -- --out FILE`: the database of DATABASE_URL with pg_dump (custom format), or, with
 * DATABASE_URL unset, the embedded database in DATA_DIR as a tarball (the server must be stopped: the
 * embedded lock refuses otherwise). The file appears only once complete.
 */
const usage = `Usage: npm run backup -- --out FILE
  DATABASE_URL set:   pg_dump --format=custom of that database (restore with npm run restore)
  DATABASE_URL unset: the embedded database in DATA_DIR as a .tar.gz (stop the server first)`;

process.exitCode = await runCommand(usage, async () => {
  const { out } = parseBackupArgs(process.argv.slice(2));
  const config = loadConfig();
  const written = config.databaseUrl
    ? { database: 'server', ...(await backupServer(config.databaseUrl, out)) }
    : { database: 'embedded', ...(await backupEmbedded(embeddedDirIn(config.dataDir), out, cliLock('backup'))) };
  return { ...written, file: out };
});
