import type pg from 'pg';
import type { Logger } from '../logger.js';
import { storeAuditRecords, type AuditRecord } from '../store/audit-store.js';

/**
 * Stores AuditEvents of reads (writes store theirs in their own transaction). Events that arrive while a
 * write is under way are stored together in the next one ("group commit"): each caller still waits until its
 * event is in the database, so a response never leaves before its audit record, but a busy server pays
 * one INSERT per batch instead of one per request.
 */
export class AuditLog {
  private pending: { record: AuditRecord; done: (err?: unknown) => void }[] = [];
  private flushing = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  record(record: AuditRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ record, done: (err) => (err ? reject(err) : resolve()) });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        try {
          await storeAuditRecords(this.pool, batch.map((b) => b.record), this.clock().toISOString());
          batch.forEach((b) => b.done());
        } catch (err) {
          this.logger.error({ err }, 'audit records could not be stored');
          batch.forEach((b) => b.done(err));
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}
