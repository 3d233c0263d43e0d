import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type pg from 'pg';
import type { Logger } from '../logger.js';
import { claimJob, completeJob, failJob, releaseJob, renewLease, sweepJobs, type ClaimedJob } from '../store/job-queue.js';

/** What a handler gets besides the job: a signal that says stop, and a way to say how far it has come. */
export interface JobContext {
  /** aborted when the job was cancelled, taken over by another worker, or this process is stopping */
  signal: AbortSignal;
  /** records progress (shown to whoever polls the job); the lease is renewed on its own */
  progress(text: string): void;
}

export interface JobHandler {
  kind: string;
  /** Runs one attempt from the start; returns the job's result. An attempt may be abandoned and run again. */
  run(job: ClaimedJob, context: JobContext): Promise<unknown>;
  /** Called when an attempt ends without a result recorded (failed, abandoned, lost): removes what it left. */
  discardAttempt(job: ClaimedJob): Promise<void>;
  /** Removes what a finished job left behind, once its row is gone (expired or cancelled). */
  discardJob(id: string): Promise<void>;
  /** Removes leftovers of jobs that no longer exist (e.g. a process stopped between deleting a row and its files). */
  discardOrphans?(): Promise<void>;
}

export interface JobRunnerOptions {
  pool: pg.Pool;
  handlers: JobHandler[];
  logger: Logger;
  /** how long a claimed job stays this worker's without a heartbeat; heartbeats come three times as often */
  leaseSeconds: number;
  /** how long a finished job's result is kept */
  keepSeconds: number;
  /** how often an idle worker looks for work */
  pollMs?: number;
  /** how often expired and cancelled jobs are swept */
  sweepMs?: number;
}

/**
 * Runs queued jobs in this process, one at a time, alongside the API. Any number of processes may run one
 * on the same database: each claims jobs for itself (see server/store/job-queue.ts). A job whose process
 * dies is taken over by another worker, or by this one after a restart, when its lease runs out, and starts
 * over as a new attempt; an attempt that ends without recording its result leaves nothing behind.
 */
export class JobRunner {
  private readonly worker = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly kinds: string[];
  private stopped = false;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private current: { job: ClaimedJob; abort: AbortController } | undefined;
  private lastSweep = 0;

  constructor(private readonly options: JobRunnerOptions) {
    this.kinds = options.handlers.map((h) => h.kind);
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Looks for work now rather than at the next poll (a job was just queued by this process). */
  nudge(): void {
    this.wake?.();
  }

  /**
   * Stops taking work. `release` (a graceful stop) gives the running attempt back so the next worker starts it
   * at once; without it the attempt is simply abandoned, as if the process had died.
   */
  async stop(options: { release: boolean } = { release: true }): Promise<void> {
    this.stopped = true;
    this.wake?.();
    const running = this.current;
    running?.abort.abort(new Error('the server is stopping'));
    await this.loop;
    if (running && options.release) await releaseJob(this.options.pool, running.job).catch(() => undefined);
  }

  private async run(): Promise<void> {
    const { pool, logger } = this.options;
    while (!this.stopped) {
      let claimed: ClaimedJob | undefined;
      try {
        await this.sweepWhenDue();
        claimed = await claimJob(pool, this.kinds, this.worker, this.options.leaseSeconds);
      } catch (err) {
        logger.warn({ err }, 'job queue: could not look for work');
      }
      if (claimed) await this.attempt(claimed);
      else await this.idle(this.options.pollMs ?? 1000);
    }
  }

  private async attempt(job: ClaimedJob): Promise<void> {
    const { pool, logger, leaseSeconds, keepSeconds } = this.options;
    const handler = this.options.handlers.find((h) => h.kind === job.kind) as JobHandler;
    const abort = new AbortController();
    this.current = { job, abort };
    let progress: string | undefined;
    const heartbeat = setInterval(() => {
      renewLease(pool, job, leaseSeconds, progress)
        .then((held) => {
          if (!held) abort.abort(new Error('the job was cancelled or taken over'));
        })
        .catch((err: unknown) => logger.warn({ err, job: job.id }, 'job queue: could not renew a lease'));
    }, (leaseSeconds * 1000) / 3);
    heartbeat.unref();
    logger.info({ job: job.id, kind: job.kind, attempt: job.attempt }, 'job started');
    try {
      const result = await handler.run(job, { signal: abort.signal, progress: (text) => (progress = text) });
      abort.signal.throwIfAborted();
      if (!(await completeJob(pool, job, result, keepSeconds))) throw new Error('the job was cancelled or taken over');
      logger.info({ job: job.id, kind: job.kind, attempt: job.attempt }, 'job completed');
    } catch (err) {
      await handler.discardAttempt(job).catch((e: unknown) => logger.warn({ err: e, job: job.id }, 'job queue: could not discard an attempt'));
      if (abort.signal.aborted) {
        logger.info({ job: job.id, reason: String(abort.signal.reason) }, 'job attempt abandoned');
        if (!this.stopped) await releaseJob(pool, job).catch(() => undefined);
      } else {
        logger.error({ err, job: job.id }, 'job failed');
        await failJob(pool, job, err instanceof Error ? err.message : String(err), keepSeconds).catch(() => undefined);
      }
    } finally {
      clearInterval(heartbeat);
      this.current = undefined;
    }
  }

  private async sweepWhenDue(): Promise<void> {
    const now = Date.now();
    if (now - this.lastSweep < (this.options.sweepMs ?? 120_000)) return;
    this.lastSweep = now;
    const removed = await sweepJobs(this.options.pool, this.kinds, this.options.keepSeconds);
    for (const id of removed) {
      for (const handler of this.options.handlers) await handler.discardJob(id);
    }
    for (const handler of this.options.handlers) await handler.discardOrphans?.();
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
