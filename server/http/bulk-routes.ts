import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import express, { type Request, type Response } from 'express';
import { mayDo } from '../auth/policy.js';
import { EXPORT_JOB, exportOwner, type ExportResult } from '../bulk/export-job.js';
import { exportFilePath } from '../bulk/export-files.js';
import { exportManifest } from '../bulk/export-manifest.js';
import { EXPORT_STATUS_PATH } from '../fhir/operations/export.js';
import { FhirError, forbidden, issue, notFound, outcome } from '../fhir/outcomes.js';
import { cancelJob, ownJob, type JobState } from '../store/job-queue.js';
import type { Database } from '../store/database.js';
import { principalOf } from './authenticate.js';
import { PLAIN_JSON } from './content-negotiation.js';
import { fhirBaseUrl } from './fhir-endpoint.js';

export const EXPORT_FILES_PATH = 'bulk-files';

export interface BulkRoutesOptions {
  store: Database;
  /** the export directory */
  exportDir: string;
  /** the public origin when configured (PUBLIC_URL), else taken from each request */
  baseUrl?: string;
}

/**
 * Answers on the Bulk Data status and file paths are `application/json`, as the IG asks of them: errors
 * too, through the FHIR error handler, and so the token check's 401, which is why this is mounted before it.
 */
export function bulkPathsAnswerPlainJson(): express.Router {
  const routes = express.Router();
  routes.use([`/${EXPORT_STATUS_PATH}`, `/${EXPORT_FILES_PATH}`], (_req, res, next) => {
    res.locals.fhirContentType = PLAIN_JSON;
    next();
  });
  return routes;
}

/**
 * The status endpoint and the output files of Bulk Data exports (export.html#bulk-data-status-request),
 * mounted under the FHIR base after authentication. Only the account or client that started an export
 * sees it: anyone else gets 404, as for an export that does not exist. Mounted after authentication, and
 * after `bulkPathsAnswerPlainJson`.
 */
export function bulkRoutes(options: BulkRoutesOptions): express.Router {
  const routes = express.Router();
  const ownExport = async (req: Request, res: Response): Promise<JobState> => {
    const principal = principalOf(res);
    if (principal.kind === 'internal') throw forbidden();
    const job = await ownJob(options.store.pool, String(req.params.id), EXPORT_JOB, exportOwner(principal));
    if (!job) throw notFound(`No export ${String(req.params.id)}`);
    return job;
  };
  routes.get(`/${EXPORT_STATUS_PATH}/:id`, async (req, res, next) => {
    try {
      const job = await ownExport(req, res);
      if (job.status === 'queued' || job.status === 'running') {
        res.status(202).set({ 'X-Progress': job.progress ?? (job.status === 'queued' ? 'queued' : 'starting'), 'Retry-After': '2' }).end();
        return;
      }
      if (job.status === 'failed') {
        throw new FhirError(500, outcome(issue('exception', `The export failed: ${job.error ?? 'unknown error'}`)));
      }
      res.status(200).type(PLAIN_JSON);
      if (job.expiresAt) res.set('Expires', job.expiresAt.toUTCString());
      res.end(JSON.stringify(exportManifest(job.result as ExportResult, `${fhirBaseUrl(req, options.baseUrl)}/${EXPORT_FILES_PATH}/${job.id}`)));
    } catch (err) {
      next(err);
    }
  });

  routes.delete(`/${EXPORT_STATUS_PATH}/:id`, async (req, res, next) => {
    try {
      const principal = principalOf(res);
      if (principal.kind === 'internal' || !(await cancelJob(options.store.pool, req.params.id, EXPORT_JOB, exportOwner(principal)))) {
        throw notFound(`No export ${req.params.id}`);
      }
      res.status(202).end();
    } catch (err) {
      next(err);
    }
  });

  routes.get(`/${EXPORT_FILES_PATH}/:id/:attempt/:name`, async (req, res, next) => {
    try {
      const job = await ownExport(req, res);
      const file = `${req.params.attempt}/${req.params.name}`;
      const result = job.status === 'completed' ? (job.result as ExportResult) : undefined;
      const output = result?.output.find((o) => o.file === file);
      const listed = output !== undefined || (result?.errors ?? []).some((o) => o.file === file);
      const filePath = listed ? exportFilePath(options.exportDir, job.id, file) : undefined;
      if (!filePath) throw notFound(`No file ${file} in export ${job.id}`);
      // The token of the moment must still cover the type (the client may have asked for fewer scopes since).
      if (output && !mayDo(principalOf(res), output.type, 'search')) throw forbidden(`Your access does not include ${output.type} resources`);
      const stream = fs.createReadStream(filePath);
      await new Promise((resolve, reject) => stream.once('open', resolve).once('error', reject));
      res.status(200).type('application/fhir+ndjson');
      await pipeline(stream, res);
    } catch (err) {
      if (res.headersSent) res.destroy();
      else next(err);
    }
  });
  return routes;
}
