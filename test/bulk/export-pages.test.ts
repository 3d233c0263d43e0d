import type { Observation, Patient } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportLedger } from '../../server/bulk/export-ledger.js';
import { exportPages } from '../../server/bulk/export-pages.js';
import type { Database } from '../../server/store/database.js';
import type { ExportPage } from '../../server/store/export-reads.js';
import { GrowableBuffer } from '../../server/store/growable-buffer.js';
import { migrate } from '../../server/store/migrate.js';
import { Repository } from '../../server/store/repository.js';
import { scratchDatabase } from '../support/scratch-database.js';

/**
 * The pages of one type of an export, several windows read at once: the same lines in the same order as
 * windows read one at a time, whatever the number of readers, and every page buffer back for the next type.
 */
let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
let db: Database;
let repo: Repository;
const patients = Array.from({ length: 7 }, (_, i) => `p${i}`);

beforeAll(async () => {
  scratch = await scratchDatabase();
  db = scratch.db;
  await migrate(db.pool);
  const writer = new Repository(db.pool);
  for (const id of patients) {
    await writer.update<Patient>({ resourceType: 'Patient', id, name: [{ family: 'Ali', given: [id] }] });
    for (const n of [1, 2]) {
      await writer.update<Observation>({ resourceType: 'Observation', id: `${id}-o${n}`, status: 'final', code: { text: 'PHQ-9 total' }, subject: { reference: `Patient/${id}` } });
    }
  }
  repo = new Repository(db.pool, { copyOut: db.copyOut });
});

afterAll(async () => {
  await scratch?.close();
});

async function exported(query: { types: string[]; patients: 'compartment' | string[]; limit: number }, readers: number) {
  const buffers = Array.from({ length: readers + 1 }, () => new GrowableBuffer(16));
  const lines: string[] = [];
  const pages: ExportPage[] = [];
  for await (const page of exportPages(repo, query, { subtype: 'export', ledger: new ExportLedger() }, buffers)) {
    lines.push(...page.ndjson.toString('utf8').split('\n').slice(0, -1)); // read before its buffer is used again
    pages.push(page);
  }
  return { ids: lines.map((line) => (JSON.parse(line) as { id: string }).id), pages: pages.length, buffersBack: buffers.length };
}

describe("an export's pages of one type", () => {
  it('are the same lines in the same order with one, two or five windows read at once, and every buffer comes back', async () => {
    for (const type of ['Patient', 'Observation']) {
      for (const limit of [1, 3, 100]) {
        const alone = await exported({ types: [type], patients: 'compartment', limit }, 1);
        expect(alone.ids).toHaveLength(type === 'Patient' ? 7 : 14);
        for (const readers of [2, 5]) {
          const together = await exported({ types: [type], patients: 'compartment', limit }, readers);
          expect(together.ids, `${type}, ${limit} a window, ${readers} readers`).toEqual(alone.ids);
          expect(together.buffersBack).toBe(readers + 1);
        }
      }
    }
  });

  it("of a list of patients are read one after another, each page saying where the next starts", async () => {
    const some = ['p1', 'p4', 'p6'];
    const result = await exported({ types: ['Observation'], patients: some, limit: 2 }, 3);
    expect(result.ids.sort()).toEqual(some.flatMap((p) => [`${p}-o1`, `${p}-o2`]).sort());
    expect(result.pages).toBe(3);
    expect(result.buffersBack).toBe(4);
  });
});

describe('a window that fails while an earlier one is still being read', () => {
  it('fails the export when its turn comes, and never as an unhandled rejection meanwhile', async () => {
    const end = (id: string) => ({ lastUpdated: '2026-01-01T00:00:00.000000Z', resourceType: 'Patient', id });
    const page = (count: number): ExportPage => ({ ndjson: Buffer.from(''), count, patientIds: [] });
    let started = 0;
    // Only the two calls an export makes of its repository; the database's part is what the tests above try.
    const repo = {
      exportWindowEnds: async () => [end('a'), end('b')],
      exportPage: () => {
        started++;
        return started === 2
          ? Promise.reject(new Error('window 2 could not be read'))
          : new Promise<ExportPage>((resolve) => setTimeout(() => resolve(page(1)), 50));
      },
    } as unknown as Repository;
    const buffers = [new GrowableBuffer(16), new GrowableBuffer(16), new GrowableBuffer(16)];
    const counts: number[] = [];
    const reading = (async () => {
      for await (const p of exportPages(repo, { types: ['Patient'], patients: 'compartment', limit: 1 }, { subtype: 'export', ledger: new ExportLedger() }, buffers)) {
        counts.push(p.count);
      }
    })();
    await expect(reading).rejects.toThrow('window 2 could not be read');
    expect(counts).toEqual([1]); // the first window was written; the second failed the export in its turn
  });
});
