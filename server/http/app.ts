import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { AuditLog } from '../audit/audit-log.js';
import { createAuthServices, type AuthServices } from '../auth/auth-services.js';
import { callerActive } from '../auth/caller-state.js';
import { caseWorkflowRules } from '../clinical/case-workflow-rules.js';
import { followUpRules } from '../clinical/follow-up-rules.js';
import type { HiwaConfig } from '../config.js';
import { loadDefinitions } from '../fhir/definitions.js';
import { exportJobHandler } from '../bulk/export-job.js';
import { everythingOperation } from '../fhir/operations/everything.js';
import { exportOperations } from '../fhir/operations/export.js';
import { breakGlassOperation } from '../fhir/operations/break-glass.js';
import { evaluateMeasureOperation } from '../fhir/operations/evaluate-measure.js';
import { grantAccessOperation } from '../fhir/operations/grant-access.js';
import { matchOperation } from '../fhir/operations/match.js';
import { mergeOperation } from '../fhir/operations/merge.js';
import { reassignOperation } from '../fhir/operations/reassign.js';
import { recordAttendanceOperation } from '../fhir/operations/record-attendance.js';
import { validateOperation } from '../fhir/operations/validate.js';
import { notSupported } from '../fhir/outcomes.js';
import { createFhirRouter } from '../fhir/router.js';
import { createLogger, type Logger } from '../logger.js';
import { createMetrics } from '../metrics/metrics.js';
import type { Database } from '../store/database.js';
import { Repository } from '../store/repository.js';
import { JobRunner } from '../jobs/job-runner.js';
import { adminRoutes } from './admin-routes.js';
import { authRoutes } from './auth-routes.js';
import { authenticate, principalOf } from './authenticate.js';
import { bulkPathsAnswerPlainJson, bulkRoutes } from './bulk-routes.js';
import { clientApp } from './client-app.js';
import { compressResponses } from './compress-responses.js';
import { contentNegotiation } from './content-negotiation.js';
import { DatabaseOutage } from './database-outage.js';
import { fhirEndpoint, fhirErrorHandler } from './fhir-endpoint.js';
import { corsAllowlist, perAddressRateLimit, perTokenRateLimit, securityHeaders } from './hardening.js';
import { healthz } from './healthz.js';
import { metricsEndpoint } from './metrics-endpoint.js';
import { oauthRoutes } from './oauth-routes.js';
import { setUpQuestionnaires } from './questionnaire-setup.js';
import { readYourWrites } from './read-your-writes.js';
import { requestLog } from './request-log.js';

export interface AppOptions {
  store: Database;
  config: HiwaConfig;
  logger?: Logger;
  /** the server's clock, for tests that pin time */
  clock?: () => Date;
  /** keys, tokens and settings of authentication; built from `config` when absent */
  auth?: AuthServices;
}

const clientDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../client/dist');

/** Builds the whole HTTP application over an open, migrated database. Starts no listener. */
export function createApp(options: AppOptions): express.Express {
  const { store, config } = options;
  const logger = options.logger ?? createLogger(config.logLevel);
  loadDefinitions();

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('query parser', false); // the FHIR layer reads the raw query itself, keeping order and repeats
  const logRequests = requestLog(logger);
  if (logRequests) app.use(logRequests);
  const metrics = createMetrics({ pools: { primary: store.pool, ...(store.readPool ? { replica: store.readPool } : {}) } });
  app.use(metrics.observeRequests);
  app.get('/metrics', metricsEndpoint(metrics, config.metricsToken));
  const reads = readYourWrites(store, config.readYourWritesMs);
  if (reads) app.use(reads.recordWriters);
  app.use(compressResponses());
  app.use(securityHeaders());
  const cors = corsAllowlist(config.auth.corsOrigins);
  if (cors) app.use(cors);
  const auth = options.auth ?? createAuthServices({ pool: store.pool, config, clock: options.clock, notices: store });
  const outage = new DatabaseOutage(store.pool, logger);

  app.get('/healthz', healthz(store));

  const addressLimit = perAddressRateLimit(config.auth.authRateLimitPerMinute);
  app.use(['/oauth2', '/auth', '/admin'], addressLimit);
  const auditLog = new AuditLog(store.pool, logger, options.clock);
  app.use(oauthRoutes(auth, { baseUrl: config.baseUrl, logger, audit: auditLog, outage }));
  app.use('/auth', authRoutes(auth, () => new Repository(store.pool, { clock: options.clock }), auditLog));
  app.use('/admin', adminRoutes(auth, auditLog));

  const questionnaires = setUpQuestionnaires({ store, config, logger, clock: options.clock });
  const rules = [...questionnaires.rules, ...caseWorkflowRules(config), ...followUpRules(config)];
  // Bulk exports run from the job queue in the database: this process's worker, or any other's.
  const jobs = new JobRunner({
    pool: store.pool,
    handlers: [exportJobHandler({ pool: store.pool, audit: auditLog, root: config.exports.dir, pageSize: config.exports.pageSize, readers: config.exports.readers, maxPerFile: 100_000, copyOut: store.copyOut, ownerActive: (owner) => callerActive(auth, owner) })],
    logger,
    leaseSeconds: config.jobs.leaseSeconds,
    keepSeconds: config.exports.retentionSeconds,
    // expired files go within a few minutes, or sooner when they are kept only briefly
    sweepMs: Math.min(config.exports.retentionSeconds * 1000, 120_000),
  });
  if (config.jobs.worker) jobs.start();
  backgroundWork.set(app, jobs);
  const router = createFhirRouter(
    [
      validateOperation,
      breakGlassOperation,
      grantAccessOperation,
      matchOperation,
      mergeOperation,
      recordAttendanceOperation,
      reassignOperation,
      everythingOperation,
      ...exportOperations(() => jobs.nudge(), { perClient: config.exports.perClient }),
      evaluateMeasureOperation({ suppressionThreshold: config.reportSuppressionThreshold }),
      ...questionnaires.operations,
    ],
    { cors: config.auth.corsOrigins.length > 0, maxBundleEntries: config.maxBundleEntries },
  );
  const requireToken = authenticate(auth, auditLog);
  app.use(
    '/fhir/R4',
    bulkPathsAnswerPlainJson(),
    contentNegotiation,
    // The CapabilityStatement is public, as SMART clients read it before they have a token.
    (req, res, next) => (isMetadataRead(req) ? next() : requireToken(req, res, next)),
    perTokenRateLimit(config.auth.rateLimitPerMinute),
    bulkRoutes({ store, exportDir: config.exports.dir, baseUrl: config.baseUrl }),
    questionnaires.ready,
    fhirEndpoint({
      router,
      // Everything but the public CapabilityStatement runs as the authenticated caller, audited.
      repositoryFor: (req, res) =>
        new Repository(store.pool, {
          clock: options.clock,
          rules,
          principal: isMetadataRead(req) ? { kind: 'internal', reason: 'capability statement' } : principalOf(res),
          audit: auditLog,
          sourceAddress: req.ip,
          searchDb: reads?.searchDbFor(res),
        }),
      maxBodyBytes: config.maxBodyBytes,
      baseUrl: config.baseUrl,
      logger,
      outage,
    }),
  );

  if (fs.existsSync(clientDist)) app.use(clientApp(clientDist));
  app.use((req, _res, next) => next(notSupported(`No route for ${req.method} ${req.path}`)));
  app.use(fhirErrorHandler({ logger, outage }));
  return app;
}

const backgroundWork = new WeakMap<express.Express, JobRunner>();

/**
 * Stops what the app runs besides answering requests (the job worker), before its database closes. A
 * running export is given back to the queue, for the next worker to start over at once.
 */
export async function stopBackgroundWork(app: express.Express, options?: { release: boolean }): Promise<void> {
  await backgroundWork.get(app)?.stop(options);
}

function isMetadataRead(req: express.Request): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && req.path === '/metadata';
}
