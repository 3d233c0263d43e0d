import type { AddressInfo } from 'node:net';
import { seedDemoAccounts } from '../seed/demo-accounts.js';
import { seedDemoData } from '../seed/demo-data.js';
import { createAuthServices } from './auth/auth-services.js';
import { loadConfig } from './config.js';
import { createApp, stopBackgroundWork } from './http/app.js';
import { createLogger } from './logger.js';
import { embeddedDirIn, openDatabase, type Database } from './store/database.js';
import { EmbeddedDatabaseLockedError } from './store/embedded-lock.js';
import { migrate } from './store/migrate.js';
import { ensureAuditPartitions } from './store/audit-partitions.js';

const config = loadConfig();
const logger = createLogger(config.logLevel);

const store = await openDatabase({
  databaseUrl: config.databaseUrl,
  readUrl: config.databaseReadUrl,
  embeddedDir: embeddedDirIn(config.dataDir),
  lock: {
    purpose: 'server',
    onStaleLock: (stale, lockFile) =>
      logger.warn({ lockFile, stale }, `took over the embedded database from process ${stale.pid}, which no longer runs`),
  },
}).catch((err: unknown): Database => {
  if (!(err instanceof EmbeddedDatabaseLockedError)) throw err;
  // Another process has the embedded database: stop before touching it, saying who has it.
  logger.fatal({ lockFile: err.lockFile, holder: err.owner }, err.message);
  process.exit(1);
});
const applied = await migrate(store.pool);
logger.info({ database: store.kind, migrationsApplied: applied }, 'database ready');
// The audit trail's coming months get their partitions now and every day after (see audit-partitions.ts).
async function prepareAuditMonths(): Promise<void> {
  const { created, blocked } = await ensureAuditPartitions(store.pool, new Date());
  if (created.length > 0) logger.info({ months: created }, 'audit trail: partitions created');
  if (blocked.length > 0) logger.warn({ months: blocked }, 'audit trail: these months have events in the default partition and get no partition of their own');
}
await prepareAuditMonths();
setInterval(() => void prepareAuditMonths().catch((err: unknown) => logger.error({ err }, 'audit trail: partitions could not be prepared')), 24 * 3600_000).unref();

const auth = createAuthServices({ pool: store.pool, config, notices: store });
if (config.demo.enabled) {
  if (config.production) logger.warn('DEMO_MODE is on in production: demo logins and admin without a second factor');
  const seeded = await seedDemoAccounts(auth, config.dataDir, { full: config.demo.population > 0 });
  if (seeded) {
    logger.info(
      { logins: seeded.usernames, client: seeded.clientId, privateKeyFile: seeded.privateKeyFile },
      'demo mode: logins created, all with the password from DEMO_PASSWORD (default "demo")',
    );
  }
  // Demo records are a convenience: if they cannot be written (nothing is, then), the server still starts.
  const demoData = await seedDemoData({ pool: store.pool, config, logger, population: config.demo.population }).catch((err: unknown) => {
    logger.error({ err }, 'demo mode: the demo beneficiaries could not be recorded');
    return undefined;
  });
  if (demoData) logger.info(demoData, 'demo mode: demo beneficiaries and their records created');
}

const app = createApp({ store, config, logger, auth });
// Express 5 hands a listening failure (the port taken by another process, say) to this callback.
const server = app.listen({ port: config.port, host: config.host }, (err?: Error) => {
  if (err) {
    logger.fatal({ err, port: config.port, host: config.host }, `Hiwa cannot listen on ${config.host ?? '*'}:${config.port}: ${err.message}`);
    process.exit(1);
  }
  const { port } = server.address() as AddressInfo; // the one the system chose when PORT=0
  logger.info({ port, host: config.host }, `Hiwa listening on http://localhost:${port}`);
});

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping');
  server.close();
  server.closeAllConnections();
  await stopBackgroundWork(app);
  await store.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
