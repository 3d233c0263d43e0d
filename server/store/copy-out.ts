import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';

/**
 * A SELECT handed out by PostgreSQL's COPY protocol: its rows arrive as raw bytes, one line each, with no
 * per-row decoding in this process. A bulk export spends most of its time turning rows into JS strings and
 * back into bytes for the file; this way the bytes PostgreSQL sends are the bytes written.
 *
 * COPY takes no bind parameters, and Hiwa never writes a value into SQL text (see SqlParams). So the
 * statement's values are bound to `set_config` in the same transaction, as settings local to it, and each
 * `$n` reads its setting back once, as an InitPlan — a value, never SQL.
 *
 * Columns are separated by byte 0x01 and nothing is ever quoted or escaped: CSV format with 0x01 as the
 * delimiter and 0x02 as the quote, two control characters JSON text and FHIR ids cannot hold raw. A NULL is
 * an empty field. Only a PostgreSQL server speaks it to `pg`: the embedded database reads rows instead.
 */
export type CopyOut = (text: string, values: unknown[]) => AsyncIterable<Buffer>;

export const COPY_DELIMITER = 0x01;

export function copyOutFrom(pool: pg.Pool): CopyOut {
  return async function* copyOut(text, values) {
    const client = await pool.connect();
    let finished = false;
    try {
      await client.query('BEGIN READ ONLY');
      if (values.length > 0) {
        const settings = values.map((_, i) => `set_config('hiwa.copy_p${i + 1}', $${i + 1}::text, true)`);
        await client.query(`SELECT ${settings.join(', ')}`, values);
      }
      const statement = text.replace(/\$(\d+)/g, (_, n: string) => `(SELECT current_setting('hiwa.copy_p${n}'))`);
      yield* client.query(copyTo(`COPY (${statement}) TO STDOUT WITH (FORMAT csv, DELIMITER E'\\x01', QUOTE E'\\x02')`));
      await client.query('COMMIT');
      finished = true;
    } finally {
      // A COPY failed or left half read (the reader stopped early) leaves the connection in no state to reuse:
      // it is closed rather than returned to the pool.
      client.release(finished ? undefined : new Error('COPY did not run to its end'));
    }
  };
}

/**
 * Calls `onLine` for every line of a COPY's output with the chunk holding it and the line's bounds (`end` is
 * its newline). Only a line that arrives in two chunks is copied, to join it; the chunk may be kept (sliced)
 * by the caller.
 */
export async function forEachCopyLine(
  chunks: AsyncIterable<Buffer>,
  onLine: (chunk: Buffer, start: number, end: number) => void,
): Promise<void> {
  let carry: Buffer | undefined;
  for await (const chunk of chunks) {
    let start = 0;
    if (carry) {
      const newline = chunk.indexOf(10);
      if (newline === -1) {
        carry = Buffer.concat([carry, chunk]);
        continue;
      }
      const joined = Buffer.concat([carry, chunk.subarray(0, newline + 1)]);
      onLine(joined, 0, joined.length - 1);
      start = newline + 1;
    }
    for (let end = chunk.indexOf(10, start); end !== -1; end = chunk.indexOf(10, start)) {
      onLine(chunk, start, end);
      start = end + 1;
    }
    carry = start < chunk.length ? chunk.subarray(start) : undefined;
  }
  if (carry) throw new Error('COPY ended inside a line');
}
