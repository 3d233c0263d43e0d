import fs from 'node:fs/promises';
import path from 'node:path';
import type { Resource } from '@medplum/fhirtypes';
import type pg from 'pg';
import { z } from 'zod';
import type { AuditLog } from '../audit/audit-log.js';
import { staffRoles, type StaffPrincipal, type SystemPrincipal } from '../auth/principal.js';
import { issue, outcome } from '../fhir/outcomes.js';
import { parseSearch } from '../fhir/search/parse.js';
import { subsetResource } from '../fhir/subset.js';
import type { JobHandler } from '../jobs/job-runner.js';
import type { CopyOut } from '../store/copy-out.js';
import { exportHorizon, typesPresent, type ExportCursor } from '../store/export-reads.js';
import { GrowableBuffer } from '../store/growable-buffer.js';
import { listJobIds, type ClaimedJob } from '../store/job-queue.js';
import { Repository } from '../store/repository.js';
import { ExportLedger } from './export-ledger.js';
import { exportPages, exportWindows } from './export-pages.js';
import { elementsFor } from './export-request.js';
import { attemptDir, jobDir, NdjsonFiles, type WrittenFile } from './export-files.js';

export const EXPORT_JOB = 'export';

/** What an export job carries from its kick-off to the worker that runs it: everything already decided. */
export const exportPayloadSchema = z.object({
  /** the kick-off URL as the client sent it (the manifest's `request`) */
  requestUrl: z.string(),
  /** who asked: the export reads as them, under their access rule */
  principal: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('staff'),
      userId: z.string(),
      username: z.string(),
      practitionerId: z.string(),
      role: z.enum(staffRoles),
      organizationId: z.string(),
      siteIds: z.array(z.string()),
    }),
    z.object({
      kind: z.literal('system'),
      clientId: z.string(),
      scopes: z.array(z.string()),
      organizationId: z.string().optional(),
      fullAccess: z.boolean().optional(),
    }),
  ]),
  types: z.array(z.string()).min(1),
  since: z.string().optional(),
  typeFilters: z.array(z.object({ type: z.string(), query: z.string() })),
  /** absent: every resource of the types; 'compartment': patients' compartments; a list: those patients' */
  patients: z.union([z.literal('compartment'), z.array(z.string())]).optional(),
  /** `_elements`: the resources are subsetted to these (see `elementsFor`) */
  elements: z.array(z.string()).optional(),
  /** parameters left out under `Prefer: handling=lenient`: the manifest's error file tells the client */
  ignored: z.array(z.object({ parameter: z.string(), message: z.string() })).optional(),
});
export type ExportPayload = z.infer<typeof exportPayloadSchema>;

/** The job's result: the completion manifest, less the URLs (made from the base the client polls). */
export interface ExportResult {
  transactionTime: string;
  requestUrl: string;
  output: WrittenFile[];
  /** OperationOutcome files: what the export left out, and why (absent in results of earlier versions) */
  errors?: WrittenFile[];
}

export interface ExportSettings {
  pool: pg.Pool;
  audit: AuditLog;
  /** the export directory */
  root: string;
  /** rows per read (and per AuditEvent) */
  pageSize: number;
  /** pages read at once (each on its own connection) */
  readers: number;
  /** resources per file: a page that would pass it begins a new file of the same type */
  maxPerFile: number;
  /** COPY out of `pool` (a PostgreSQL server): pages are read as raw lines; absent, as rows */
  copyOut?: CopyOut;
  /** whether the account or client that asked is still active (`callerActive`): asked before every page */
  ownerActive: (principal: ExportPayload['principal']) => Promise<boolean>;
}

/** Events of an export's pages that may still be being stored while it reads on (see ExportLedger.caughtUp). */
const AUDIT_EVENTS_BEHIND = 2;

/** Who owns a job, as the job table records it: only the same account or client sees its status and files. */
export function exportOwner(principal: StaffPrincipal | SystemPrincipal): string {
  return principal.kind === 'staff' ? `staff:${principal.userId}` : `system:${principal.clientId}`;
}

/** The export as a job of the queue: NDJSON files in a directory of the attempt, the result naming them. */
export function exportJobHandler(settings: ExportSettings): JobHandler {
  return {
    kind: EXPORT_JOB,
    run: (job, context) => runExport(settings, job, context.signal, context.progress),
    discardAttempt: (job) => fs.rm(attemptDir(settings.root, job.id, job.attempt), { recursive: true, force: true }),
    discardJob: (id) => fs.rm(jobDir(settings.root, id), { recursive: true, force: true }),
    async discardOrphans() {
      // Directories first, then the jobs: a job's directory is made only after its row exists.
      const dirs = await fs.readdir(settings.root).catch(() => []);
      if (dirs.length === 0) return;
      const jobs = await listJobIds(settings.pool, [EXPORT_JOB]);
      for (const dir of dirs) {
        if (!jobs.has(dir)) await fs.rm(path.join(settings.root, dir), { recursive: true, force: true });
      }
    },
  };
}

async function runExport(
  settings: ExportSettings,
  job: ClaimedJob,
  signal: AbortSignal,
  progress: (text: string) => void,
): Promise<ExportResult> {
  const payload = exportPayloadSchema.parse(job.payload);
  // A deactivated account's export reads nothing more, and its files go with the failed attempt.
  const ownerStillActive = async (): Promise<void> => {
    if (!(await settings.ownerActive(payload.principal))) throw new Error('the account or client that asked for it has been deactivated');
  };
  await ownerStillActive();
  const repo = new Repository(settings.pool, { principal: payload.principal, audit: settings.audit, copyOut: settings.copyOut });
  const transactionTime = (await exportHorizon(settings.pool)).toISOString();
  // Earlier attempts of this job lost their lease (their process died) and can record nothing: their files go.
  await fs.rm(jobDir(settings.root, job.id), { recursive: true, force: true });
  const dir = attemptDir(settings.root, job.id, job.attempt);
  await fs.mkdir(dir, { recursive: true });

  const output: WrittenFile[] = [];
  const ledger = new ExportLedger();
  // A buffer for each window read at once and one for the page being written, used again page after page.
  const pageBuffers = Array.from({ length: settings.readers + 1 }, () => new GrowableBuffer());
  let exported = 0;
  const present = await typesPresent(settings.pool, payload.types);
  const types = payload.types.filter((type) => present.has(type));
  const queries = types.map((type) => ({
    types: [type],
    since: payload.since,
    until: transactionTime,
    patients: payload.patients,
    filterSets: payload.typeFilters
      .filter((f) => f.type === type)
      .map((f) => parseSearch(type, [...new URLSearchParams(f.query)], { lenient: true }).filters),
    limit: settings.pageSize,
  }));
  // Each type's windows are walked while the type before it is read, so the readers do not wait for the walk
  // between types. A walk that fails is the export's failure when its type comes (never unhandled before).
  const walk = (i: number): Promise<ExportCursor[]> | undefined => {
    if (i >= queries.length) return undefined;
    const ends = exportWindows(repo, queries[i]);
    ends.catch(() => undefined);
    return ends;
  };
  let nextWindows = walk(0);
  for (const [i, type] of types.entries()) {
    const windows = nextWindows as Promise<ExportCursor[]>;
    nextWindows = walk(i + 1);
    const files = new NdjsonFiles(dir, job.attempt, type, settings.maxPerFile);
    const elements = elementsFor(type, payload.elements);
    const audit = { subtype: 'export' as const, query: payload.requestUrl, ledger };
    for await (const page of exportPages(repo, queries[i], audit, pageBuffers, windows)) {
      signal.throwIfAborted();
      await ownerStillActive();
      await files.write(elements ? subsetLines(page.ndjson, elements) : page.ndjson, page.count);
      exported += page.count;
      await ledger.caughtUp(AUDIT_EVENTS_BEHIND);
      progress(`${exported} resources exported; ${type} (type ${i + 1} of ${types.length})`);
    }
    output.push(...(await files.close()));
  }
  // No file is named in a manifest before the reads that made it are in the audit trail.
  await ledger.allStored();
  await ownerStillActive();
  const errors = new NdjsonFiles(dir, job.attempt, 'OperationOutcome', settings.maxPerFile);
  const ignored = (payload.ignored ?? []).map((i) => `${JSON.stringify(outcome({ ...issue('not-supported', i.message, i.parameter), severity: 'warning' }))}\n`);
  await errors.write(Buffer.from(ignored.join('')), ignored.length);
  return { transactionTime, requestUrl: payload.requestUrl, output, errors: await errors.close() };
}

/** Stored resources (lines of JSON) each reduced to the `_elements` asked for, marked SUBSETTED. */
function subsetLines(ndjson: Buffer, elements: string[]): Buffer {
  const lines = ndjson.toString('utf8').split('\n').slice(0, -1);
  return Buffer.from(lines.map((line) => `${JSON.stringify(subsetResource(JSON.parse(line) as Resource, { elements }))}\n`).join(''));
}
