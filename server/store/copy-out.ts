import type pg from 'pg';

/**
 * A SELECT handed out by PostgreSQL's COPY protocol: its rows arrive as raw bytes, one line each, with no
 * per-row decoding in this process. A bulk export spends most of its time turning rows into JS strings and
 * back into bytes for the file; this way the bytes PostgreSQL sends are the bytes written.
 *
 * COPY takes no bind parameters, and Hiwa never writes a value into SQL text (see SqlParams). So the
 * statement's values are bound to `set_config` in the same transaction, as settings local to it, and each
 * `$n` (with its cast) reads its setting back once, as an InitPlan — a value, never SQL.
 *
 * Columns are separated by byte 0x01 and nothing is ever quoted or escaped: CSV format with 0x01 as the
 * delimiter and 0x02 as the quote, two control characters JSON text and FHIR ids cannot hold raw. A NULL is
 * an empty field. Only a PostgreSQL server speaks it to `pg`: the embedded database reads rows instead.
 *
 * `onLine` gets the bytes holding a line and the line's bounds (`end` is its newline). They are the driver's
 * own and only valid during the call: copy out what is kept.
 */
export type CopyOut = (text: string, values: unknown[], onLine: OnCopyLine) => Promise<void>;
export type OnCopyLine = (bytes: Buffer, start: number, end: number) => void;

export const COPY_DELIMITER = 0x01;

export function copyOutFrom(pool: pg.Pool): CopyOut {
  return async (text, values, onLine) => {
    const client = await pool.connect();
    let finished = false;
    try {
      await client.query('BEGIN READ ONLY');
      if (values.length > 0) {
        const settings = values.map((_, i) => `set_config('hiwa.copy_p${i + 1}', $${i + 1}::text, true)`);
        await client.query(`SELECT ${settings.join(', ')}`, values);
      }
      // The cast is made inside the InitPlan, once: outside it, it would be made again for every row (an array
      // parsed per row for `= ANY($n::text[])`). The same cast outside costs nothing, the value being of
      // its type already, and keeps `ANY(…)` reading an array rather than a subquery's rows.
      const statement = text.replace(
        /\$(\d+)(::[a-z_]+(?:\[\])?)?/g,
        (_, n: string, cast = '') => `(SELECT current_setting('hiwa.copy_p${n}')${cast})${cast}`,
      );
      await new Promise<void>((resolve, reject) => {
        const copy = `COPY (${statement}) TO STDOUT WITH (FORMAT csv, DELIMITER E'\\x01', QUOTE E'\\x02')`;
        client.query(new CopyToLines(copy, onLine, (err) => (err === undefined ? resolve() : reject(err))));
      });
      await client.query('COMMIT');
      finished = true;
    } finally {
      // A COPY that failed leaves the connection in no state to reuse: it is closed rather than returned.
      client.release(finished ? undefined : new Error('COPY did not run to its end'));
    }
  };
}

/**
 * `COPY … TO STDOUT` as a query of the driver's own kind (a Submittable, as pg-cursor is one): the driver's
 * protocol parser hands each CopyData message to `handleCopyData` as a view of the bytes it read. PostgreSQL
 * sends a message per row, so a line is handed on where it lies, with nothing copied or allocated for it;
 * a line split over messages (which the protocol would allow) is joined first.
 */
class CopyToLines implements pg.Submittable {
  private readonly lines: CopyLines;
  private failure: unknown;
  private settled = false;

  constructor(
    private readonly text: string,
    onLine: OnCopyLine,
    private readonly done: (err?: unknown) => void,
  ) {
    this.lines = new CopyLines(onLine);
  }

  submit(connection: pg.Connection): void {
    connection.query(this.text);
  }

  handleCopyData(message: { chunk: Buffer }): void {
    // Thrown here it would be thrown into the driver's socket handler: kept, and the rest of the COPY read
    // past so that the connection stays in step, then reported.
    if (this.failure !== undefined) return;
    try {
      this.lines.push(message.chunk);
    } catch (err) {
      this.failure = err;
    }
  }

  handleCommandComplete(): void {
    if (this.failure === undefined && !this.lines.ended()) this.failure = new Error('COPY ended inside a line');
  }

  handleReadyForQuery(): void {
    this.finish(this.failure);
  }

  /** An error from the database (after which the driver sends no ReadyForQuery to this query) or the socket. */
  handleError(err: Error): void {
    this.finish(err);
  }

  private finish(err: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.done(err);
  }
}

/** Lines out of chunks of bytes: only a line that arrives in two chunks is copied, to join it. */
export class CopyLines {
  private carry: Buffer | undefined;

  constructor(private readonly onLine: OnCopyLine) {}

  push(chunk: Buffer): void {
    let start = 0;
    if (this.carry) {
      const newline = chunk.indexOf(10);
      if (newline === -1) {
        this.carry = Buffer.concat([this.carry, chunk]);
        return;
      }
      const joined = Buffer.concat([this.carry, chunk.subarray(0, newline + 1)]);
      this.carry = undefined;
      this.onLine(joined, 0, joined.length - 1);
      start = newline + 1;
    }
    for (let end = chunk.indexOf(10, start); end !== -1; end = chunk.indexOf(10, start)) {
      this.onLine(chunk, start, end);
      start = end + 1;
    }
    // the driver reuses its bytes once the call returns: a part line is kept as a copy
    if (start < chunk.length) this.carry = Buffer.from(chunk.subarray(start));
  }

  /** No part line is waiting. */
  ended(): boolean {
    return this.carry === undefined;
  }
}
