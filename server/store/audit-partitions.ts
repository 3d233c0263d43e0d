import fs from 'node:fs';
import type pg from 'pg';
import { inTransaction } from './database.js';
import { assertSqlIdentifier } from './sql.js';

/**
 * The audit trail's monthly partitions (table `audit_event`, partitioned by `recorded`). Each month gets
 * its partition ahead of time; an old month is detached, written out to a file and kept as a table of its
 * own until an operator drops it: the trail is never shortened silently.
 */

/** `YYYY-MM` of a month, in UTC */
export type Month = string;
const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;

const monthOf = (date: Date): Month => date.toISOString().slice(0, 7);
const partitionName = (month: Month): string => assertSqlIdentifier(`audit_event_${month.replace('-', '_')}`);
const archivedName = (month: Month): string => assertSqlIdentifier(`audit_archive_${month.replace('-', '_')}`);

function bounds(month: Month): { from: string; to: string } {
  const match = monthPattern.exec(month);
  if (!match) throw new Error(`not a month (YYYY-MM): ${month}`);
  const start = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  return { from: start.toISOString(), to: end.toISOString() };
}

function addMonths(month: Month, n: number): Month {
  const { from } = bounds(month);
  const d = new Date(from);
  return monthOf(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1)));
}

/**
 * Creates the partitions of this month and the next `ahead` ones that do not exist yet. Every API process
 * runs it at start and daily; the advisory lock keeps two of them from creating the same one at once. A
 * month whose events already sit in the default partition (a clock set back, a server stopped for months)
 * cannot get its partition: it is named in the answer and its events stay where they are, still searched.
 */
export async function ensureAuditPartitions(pool: pg.Pool, now: Date, ahead = 2): Promise<{ created: Month[]; blocked: Month[] }> {
  const months = Array.from({ length: ahead + 1 }, (_, i) => addMonths(monthOf(now), i));
  const created: Month[] = [];
  const blocked: Month[] = [];
  for (const month of months) {
    await inTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(4812904)');
      const exists = await client.query('SELECT 1 FROM pg_class WHERE relname = $1 AND relnamespace = current_schema()::regnamespace', [partitionName(month)]);
      if (exists.rows.length > 0) return;
      const { from, to } = bounds(month);
      const stray = await client.query('SELECT 1 FROM audit_event_default WHERE recorded >= $1 AND recorded < $2 LIMIT 1', [from, to]);
      if (stray.rows.length > 0) return void blocked.push(month);
      // bounds are the module's own ISO timestamps, not input, but they still travel as literals: DDL takes no parameters
      await client.query(`CREATE TABLE ${partitionName(month)} PARTITION OF audit_event FOR VALUES FROM ('${from}') TO ('${to}')`);
      created.push(month);
    });
  }
  return { created, blocked };
}

export interface ArchivedMonth {
  month: Month;
  /** the table the month's events now live in, outside the trail */
  table: string;
  file: string;
  events: number;
}

/**
 * Takes a month out of the trail: detaches its partition (searches stop seeing it), renames it
 * `audit_archive_YYYY_MM`, and writes its events to `file` as NDJSON (one AuditEvent per line, as served).
 * The table stays until an operator has stored the file and drops it. A file already there is never
 * overwritten; run again with another file after a failure, and the archived table is written out again.
 */
export async function archiveAuditMonth(pool: pg.Pool, month: Month, file: string, now: Date): Promise<ArchivedMonth> {
  if (month >= monthOf(now)) throw new Error(`${month} is not over yet: only past months can be archived`);
  const partition = partitionName(month);
  const table = archivedName(month);
  const out = fs.openSync(file, 'wx');
  let events = 0;
  try {
    await inTransaction(pool, async (client) => {
      const found = await client.query<{ relname: string }>(
        'SELECT relname FROM pg_class WHERE relname = ANY($1) AND relnamespace = current_schema()::regnamespace',
        [[partition, table]],
      );
      const names = found.rows.map((r) => r.relname);
      if (names.includes(partition)) {
        await client.query(`ALTER TABLE audit_event DETACH PARTITION ${partition}`);
        await client.query(`ALTER TABLE ${partition} RENAME TO ${table}`);
      } else if (!names.includes(table)) {
        throw new Error(`the trail has no partition for ${month}`);
      }
    });
    // in pages by id, so that a month of millions of events never sits in memory at once
    let after = '';
    for (;;) {
      const { rows } = await pool.query<{ id: string; content: string }>(`SELECT id, content FROM ${table} WHERE id > $1 ORDER BY id LIMIT 5000`, [after]);
      if (rows.length === 0) break;
      fs.writeSync(out, rows.map((r) => `${r.content}\n`).join(''));
      events += rows.length;
      after = rows[rows.length - 1].id;
    }
    fs.fsyncSync(out);
  } catch (err) {
    fs.closeSync(out);
    if (events === 0) fs.rmSync(file, { force: true });
    throw err;
  }
  fs.closeSync(out);
  return { month, table, file, events };
}
