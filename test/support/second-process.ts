import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAuthServices, type AuthServices } from '../../server/auth/auth-services.js';
import { createApp, stopBackgroundWork } from '../../server/http/app.js';
import { createLogger } from '../../server/logger.js';
import { openDatabase, type Database } from '../../server/store/database.js';
import { testConfig, type TestServer } from './server.js';

export interface SecondProcess {
  origin: string;
  auth: AuthServices;
  close(): Promise<void>;
}

/**
 * A second API process on the same database as a test server: its own pool, listener, memory and job worker
 * (same schema, same keys, same DATA_DIR). The embedded database is one connection in one process: there the
 * second app shares the first's.
 */
export async function secondProcess(first: TestServer, env: Record<string, string> = {}): Promise<SecondProcess> {
  const config = testConfig(first.dataDir, env);
  const own: Database | undefined = first.schema
    ? await openDatabase({ databaseUrl: process.env.DATABASE_URL, schema: first.schema, poolSize: 4 })
    : undefined;
  const store = own ?? first.store;
  const auth = createAuthServices({ pool: store.pool, config, notices: store });
  const app = createApp({ store, config, logger: createLogger(config.logLevel), auth });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    auth,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await stopBackgroundWork(app);
      await auth.tokenStates.close();
      await own?.close();
    },
  };
}
