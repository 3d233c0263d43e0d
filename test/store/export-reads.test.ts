import type { Observation, Patient } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/store/database.js';
import { exportWindowEnds, readExportPage, type ExportCursor, type ExportPage, type ExportPageQuery } from '../../server/store/export-reads.js';
import { GrowableBuffer } from '../../server/store/growable-buffer.js';
import { migrate } from '../../server/store/migrate.js';
import { Repository } from '../../server/store/repository.js';
import type { ScopeRule } from '../../server/store/search-filters.js';
import { scratchDatabase } from '../support/scratch-database.js';

/**
 * A bulk export page is the same whether PostgreSQL hands the window out as COPY lines (a server) or as
 * rows (the embedded database): the same resources, bytes for bytes, the same patients for the audit trail,
 * and the same place to go on from.
 */
let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
let db: Database;

// A rule with a bound value, as the real ones have: one patient's record is not the caller's.
const hidden = 'p-hidden';
const scope: ScopeRule = (_type, alias, params) => `NOT (${params.add(hidden)} = ANY(${alias}.patient_ids))`;

beforeAll(async () => {
  scratch = await scratchDatabase();
  db = scratch.db;
  await migrate(db.pool);
  const repo = new Repository(db.pool);
  const ids = ['p1', 'p2', hidden, 'p3', 'p-long'];
  for (const id of ids) {
    // One record far larger than a network read, so that a COPY line arrives in several chunks.
    const note = id === 'p-long' ? 'ي'.repeat(150_000) : `record of ${id}`;
    await repo.update<Patient>({ resourceType: 'Patient', id, name: [{ family: 'Ali', given: [note] }] });
  }
  for (const [i, id] of ids.entries()) {
    await repo.update<Observation>({
      resourceType: 'Observation',
      id: `o${i}`,
      status: 'final',
      code: { text: 'PHQ-9 total' },
      subject: { reference: `Patient/${id}` },
      valueInteger: i,
    });
  }
});

afterAll(async () => {
  await scratch?.close();
});

/** A page with its NDJSON read out as text at once (a page buffer may be filled again by the page after next). */
type ReadPage = Omit<ExportPage, 'ndjson'> & { ndjson: string };

/** Every page of a query; `turns`: as the export job reads them, into two buffers that take turns. */
async function allPages(query: Omit<ExportPageQuery, 'after'>, copy: boolean, turns = false): Promise<ReadPage[]> {
  const buffers = [new GrowableBuffer(16), new GrowableBuffer(16)];
  const pages: ReadPage[] = [];
  let after: ExportCursor | undefined;
  do {
    const into = turns ? buffers[pages.length % 2] : undefined;
    const page = await readExportPage(db.pool, { ...query, after, ...(into ? { into } : {}) }, scope, copy ? db.copyOut : undefined);
    pages.push({ ...page, ndjson: page.ndjson.toString('utf8') });
    after = page.next;
  } while (after);
  return pages;
}

/**
 * Every page of a query as an export reads them several at once: the windows' ends found first by one walk
 * of the index, each window then read as the rows after the end before up to its own, the last one without.
 */
async function allWindows(query: Omit<ExportPageQuery, 'after'>, copy: boolean): Promise<{ pages: ReadPage[]; ends: ExportCursor[] }> {
  const ends = await exportWindowEnds(db.pool, query);
  const pages: ReadPage[] = [];
  for (const [i, upTo] of [...ends, undefined].entries()) {
    const page = await readExportPage(db.pool, { ...query, after: ends[i - 1], upTo }, scope, copy ? db.copyOut : undefined);
    pages.push({ ...page, ndjson: page.ndjson.toString('utf8') });
  }
  return { pages, ends };
}

const lines = (pages: ReadPage[]): string[] => pages.flatMap((p) => p.ndjson.split('\n').slice(0, -1));

describe('a bulk export page', () => {
  it('holds the resources the rule lets through, one line each, going on where the last page stopped', async () => {
    const pages = await allPages({ types: ['Patient'], patients: 'compartment', limit: 2 }, false);
    expect(pages.map((p) => p.count)).toEqual([2, 1, 1]); // the hidden patient's row counts to its window
    const exported = lines(pages).map((line) => JSON.parse(line) as Patient);
    expect(exported.map((p) => p.id).sort()).toEqual(['p-long', 'p1', 'p2', 'p3']);
    expect(pages.flatMap((p) => p.patientIds).sort()).toEqual(['p-long', 'p1', 'p2', 'p3']);
  });

  it('read as windows whose ends were found first, holds what pages read one after another hold, in the same order', async () => {
    for (const type of ['Patient', 'Observation']) {
      for (const limit of [1, 2, 4, 5, 6]) {
        const query = { types: [type], patients: 'compartment' as const, limit };
        const sequential = await allPages(query, false);
        const { pages, ends } = await allWindows(query, false);
        expect(lines(pages), `${type}, ${limit} a window`).toEqual(lines(sequential));
        expect(pages.flatMap((p) => p.patientIds)).toEqual(sequential.flatMap((p) => p.patientIds));
        // five rows of each type: a window ends where a full page would, and the rows after the last end are the last window
        expect(ends.length).toBe(Math.floor(5 / limit));
        expect(ends).toEqual(sequential.slice(0, ends.length).map((p) => p.next));
        expect(pages.every((p) => p.next === undefined)).toBe(true);
      }
    }
  });

  it.runIf(process.env.DATABASE_URL)('is the same, byte for byte, when the server hands the window out as COPY lines', async () => {
    expect(db.copyOut).toBeDefined();
    for (const type of ['Patient', 'Observation']) {
      for (const limit of [1, 2, 10]) {
        const query = { types: [type], patients: 'compartment' as const, limit };
        const rows = await allPages(query, false);
        expect(await allPages(query, true)).toEqual(rows);
        // read into two page buffers taking turns, each grown from 16 bytes and emptied for its next page
        expect(await allPages(query, true, true)).toEqual(rows);
        expect(await allWindows(query, true)).toEqual(await allWindows(query, false));
      }
    }
    // and the connection each page borrowed went back to the pool, fit for the next statement
    expect(db.pool.waitingCount).toBe(0);
    expect((await db.pool.query<{ n: number }>('SELECT 1 AS n')).rows[0].n).toBe(1);
  });
});
