import type pg from 'pg';
import { serviceUnavailable, type FhirError } from '../fhir/outcomes.js';
import type { Logger } from '../logger.js';
import { isDatabaseUnavailable } from '../store/database-availability.js';

/** Seconds a client is asked to wait: PostgreSQL restarts in a few, a failover in tens. */
const RETRY_AFTER_SECONDS = 5;

/**
 * Requests refused while the database is out of reach answer 503 with Retry-After, and the log says so once
 * per outage: a warning at the first refusal, an info line when the pool connects again, with how long it
 * lasted and how many requests were refused. A stack trace per request would bury everything else.
 * The pool connects again by itself once the database is back: nobody has to restart anything.
 */
export class DatabaseOutage {
  private since: number | undefined;
  private refusals = 0;

  constructor(
    pool: pg.Pool,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {
    // After an outage every pooled connection is gone, so the first new one is the database back.
    pool.on('connect', () => this.ended());
  }

  /** The answer for `err` if it means the database is unavailable, after noting it; undefined otherwise. */
  refusal(err: unknown): FhirError | undefined {
    if (!isDatabaseUnavailable(err)) return undefined;
    this.refusals++;
    if (this.since === undefined) {
      this.since = this.now();
      const reason = err instanceof Error ? err.message : String(err);
      this.logger.warn({ reason, code: (err as { code?: unknown }).code }, 'database unavailable: answering 503 until it is back');
    }
    return serviceUnavailable('The database is unavailable for a moment; send the request again shortly', RETRY_AFTER_SECONDS);
  }

  private ended(): void {
    if (this.since === undefined) return;
    this.logger.info({ durationMs: this.now() - this.since, refusedRequests: this.refusals }, 'database available again');
    this.since = undefined;
    this.refusals = 0;
  }
}
