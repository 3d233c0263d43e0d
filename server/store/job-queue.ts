import type { Queryable } from './database.js';

/**
 * The job queue's SQL (table `job`, migration 014). Times are the database's own (`now()`), so that leases
 * and expiries mean the same to every API process whatever their clocks say.
 *
 * A job is claimed in one statement (`FOR UPDATE SKIP LOCKED`: two workers never take the same job, and
 * neither waits for the other). Every later change a worker makes names the attempt it holds
 * (`id`, `worker`, `attempt`, status running), so a worker that lost its lease — its process stalled, another
 * took the job over — changes nothing: its result is never recorded, and a manifest is never half written.
 */

export type JobStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

export interface NewJob {
  id: string;
  kind: string;
  owner: string;
  payload: unknown;
  maxAttempts?: number;
}

/** One attempt at a job, as the worker that claimed it holds it. */
export interface ClaimedJob {
  id: string;
  kind: string;
  owner: string;
  payload: unknown;
  attempt: number;
  worker: string;
}

export interface JobState {
  id: string;
  kind: string;
  status: JobStatus;
  attempt: number;
  progress: string | null;
  result: unknown;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  expiresAt: Date | null;
}

export async function enqueueJob(db: Queryable, job: NewJob): Promise<void> {
  await db.query(`INSERT INTO job (id, kind, owner, payload, max_attempts) VALUES ($1, $2, $3, $4::jsonb, $5)`, [
    job.id,
    job.kind,
    job.owner,
    JSON.stringify(job.payload),
    job.maxAttempts ?? 3,
  ]);
}

/** How many jobs of this kind the owner has waiting or running. */
export async function countUnfinishedJobs(db: Queryable, kind: string, owner: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM job WHERE kind = $1 AND owner = $2 AND status IN ('queued', 'running')`,
    [kind, owner],
  );
  return rows[0].n;
}

/** Takes the oldest job of these kinds that is waiting, or whose worker's lease ran out; undefined if none. */
export async function claimJob(db: Queryable, kinds: string[], worker: string, leaseSeconds: number): Promise<ClaimedJob | undefined> {
  const result = await db.query<{ id: string; kind: string; owner: string; payload: unknown; attempt: number }>(
    `UPDATE job j SET status = 'running', attempt = j.attempt + 1, worker = $2, started_at = now(), progress = NULL,
       lease_until = now() + $3 * interval '1 second'
     WHERE j.id = (
       SELECT id FROM job WHERE kind = ANY($1::text[]) AND attempt < max_attempts
         AND (status = 'queued' OR (status = 'running' AND lease_until < now()))
       ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING j.id, j.kind, j.owner, j.payload, j.attempt`,
    [kinds, worker, leaseSeconds],
  );
  const row = result.rows[0];
  return row ? { ...row, worker } : undefined;
}

const held = `id = $1 AND worker = $2 AND attempt = $3 AND status = 'running'`;
const heldParams = (job: ClaimedJob): unknown[] => [job.id, job.worker, job.attempt];

/** Renews the lease and records progress; false when the attempt is no longer this worker's (cancelled, taken over). */
export async function renewLease(db: Queryable, job: ClaimedJob, leaseSeconds: number, progress?: string): Promise<boolean> {
  const result = await db.query(
    `UPDATE job SET lease_until = now() + $4 * interval '1 second', progress = coalesce($5, progress) WHERE ${held}`,
    [...heldParams(job), leaseSeconds, progress ?? null],
  );
  return (result.rowCount ?? 0) > 0;
}

/** Records the result of the attempt, kept for `keepSeconds`; false (nothing recorded) when it was no longer this worker's. */
export async function completeJob(db: Queryable, job: ClaimedJob, result: unknown, keepSeconds: number): Promise<boolean> {
  const updated = await db.query(
    `UPDATE job SET status = 'completed', result = $4::jsonb, finished_at = now(), lease_until = NULL,
       expires_at = now() + $5 * interval '1 second' WHERE ${held}`,
    [...heldParams(job), JSON.stringify(result), keepSeconds],
  );
  return (updated.rowCount ?? 0) > 0;
}

export async function failJob(db: Queryable, job: ClaimedJob, error: string, keepSeconds: number): Promise<boolean> {
  const updated = await db.query(
    `UPDATE job SET status = 'failed', error = $4, finished_at = now(), lease_until = NULL,
       expires_at = now() + $5 * interval '1 second' WHERE ${held}`,
    [...heldParams(job), error, keepSeconds],
  );
  return (updated.rowCount ?? 0) > 0;
}

/**
 * Gives an attempt back when its process stops on purpose: the job waits for the next worker at once, and the
 * attempt does not count. A cancelled job's attempt lets go of its lease, so its files can be removed.
 */
export async function releaseJob(db: Queryable, job: ClaimedJob): Promise<void> {
  await db.query(
    `UPDATE job SET status = CASE WHEN status = 'running' THEN 'queued' ELSE status END,
       attempt = CASE WHEN status = 'running' THEN attempt - 1 ELSE attempt END, worker = NULL, lease_until = NULL
     WHERE id = $1 AND worker = $2 AND attempt = $3 AND status IN ('running', 'cancelled')`,
    heldParams(job),
  );
}

/** The job as its owner sees it; undefined when it does not exist, is someone else's, was cancelled or has expired. */
export async function ownJob(db: Queryable, id: string, kind: string, owner: string): Promise<JobState | undefined> {
  const result = await db.query<JobState>(
    `SELECT id, kind, status, attempt, progress, result, error, created_at AS "createdAt", finished_at AS "finishedAt",
       expires_at AS "expiresAt" FROM job
     WHERE id = $1 AND kind = $2 AND owner = $3 AND status <> 'cancelled' AND (expires_at IS NULL OR expires_at > now())`,
    [id, kind, owner],
  );
  return result.rows[0];
}

/** Cancels one of the owner's jobs, whatever its state (a finished one's result goes too); false if there is none. */
export async function cancelJob(db: Queryable, id: string, kind: string, owner: string): Promise<boolean> {
  const result = await db.query(
    `UPDATE job SET status = 'cancelled', finished_at = coalesce(finished_at, now())
     WHERE id = $1 AND kind = $2 AND owner = $3 AND status <> 'cancelled' AND (expires_at IS NULL OR expires_at > now())`,
    [id, kind, owner],
  );
  return (result.rowCount ?? 0) > 0;
}

/**
 * Housekeeping: jobs whose workers died on every attempt are failed; expired and cancelled jobs that no
 * worker holds any more are deleted. Returns the ids deleted, whose files the caller removes.
 */
export async function sweepJobs(db: Queryable, kinds: string[], keepSeconds: number): Promise<string[]> {
  await db.query(
    `UPDATE job SET status = 'failed', error = 'The job stopped ' || attempt || ' times without finishing', finished_at = now(),
       lease_until = NULL, expires_at = now() + $2 * interval '1 second'
     WHERE kind = ANY($1::text[]) AND status = 'running' AND lease_until < now() AND attempt >= max_attempts`,
    [kinds, keepSeconds],
  );
  const deleted = await db.query<{ id: string }>(
    `DELETE FROM job WHERE kind = ANY($1::text[])
       AND (expires_at < now() OR (status = 'cancelled' AND (lease_until IS NULL OR lease_until < now())))
     RETURNING id`,
    [kinds],
  );
  return deleted.rows.map((r) => r.id);
}

/** Ids of every job of these kinds still in the table (whose files must be kept). */
export async function listJobIds(db: Queryable, kinds: string[]): Promise<Set<string>> {
  const result = await db.query<{ id: string }>(`SELECT id FROM job WHERE kind = ANY($1::text[])`, [kinds]);
  return new Set(result.rows.map((r) => r.id));
}
