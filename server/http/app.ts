import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import type { HiwaConfig } from '../config.js';
import { loadDefinitions } from '../fhir/definitions.js';
import { validateOperation } from '../fhir/operations/validate.js';
import { notSupported } from '../fhir/outcomes.js';
import { createFhirRouter } from '../fhir/router.js';
import { createLogger, type Logger } from '../logger.js';
import type { Database } from '../store/database.js';
import { Repository } from '../store/repository.js';
import { fhirEndpoint, fhirErrorHandler } from './fhir-endpoint.js';
import { requestLog } from './request-log.js';

export interface AppOptions {
  store: Database;
  config: HiwaConfig;
  logger?: Logger;
  /** the server's clock, for tests that pin time */
  clock?: () => Date;
}

const clientDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../client/dist');

/** Builds the whole HTTP application over an open, migrated database. Starts no listener. */
export function createApp(options: AppOptions): express.Express {
  const { store, config } = options;
  const logger = options.logger ?? createLogger(config.logLevel);
  loadDefinitions();

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('query parser', false); // the FHIR layer reads the raw query itself, keeping order and repeats
  app.use(requestLog(logger));

  app.get('/healthz', async (_req, res) => {
    try {
      await store.pool.query('SELECT 1');
      res.json({ status: 'ok', database: store.kind });
    } catch {
      res.status(503).json({ status: 'unavailable' });
    }
  });

  const router = createFhirRouter([validateOperation]);
  app.use(
    '/fhir/R4',
    fhirEndpoint({
      router,
      repositoryFor: () => new Repository(store.pool, { clock: options.clock }),
      maxBodyBytes: config.maxBodyBytes,
      baseUrl: config.baseUrl,
      logger,
    }),
  );

  if (fs.existsSync(clientDist)) {
    app.use(express.static(clientDist, { index: 'index.html', maxAge: '1h' }));
    app.get(/^\/(?!fhir\/|auth\/|oauth2\/|\.well-known\/).*/, (_req, res) => res.sendFile(path.join(clientDist, 'index.html')));
  }
  app.use((req, _res, next) => next(notSupported(`No route for ${req.method} ${req.path}`)));
  app.use(fhirErrorHandler(logger));
  return app;
}
