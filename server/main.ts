import path from 'node:path';
import { loadConfig } from './config.js';
import { createApp } from './http/app.js';
import { createLogger } from './logger.js';
import { openDatabase } from './store/database.js';
import { migrate } from './store/migrate.js';

const config = loadConfig();
const logger = createLogger(config.logLevel);

const store = await openDatabase({
  databaseUrl: config.databaseUrl,
  embeddedDir: path.join(config.dataDir, 'pgdata'),
});
const applied = await migrate(store.pool);
logger.info({ database: store.kind, migrationsApplied: applied }, 'database ready');

const app = createApp({ store, config, logger });
const server = app.listen(config.port, () => {
  logger.info({ port: config.port }, `Hiwa listening on http://localhost:${config.port}`);
});

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping');
  server.close();
  server.closeAllConnections();
  await store.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
