import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CopyLines } from '../../server/store/copy-out.js';
import type { Database } from '../../server/store/database.js';
import { scratchDatabase } from '../support/scratch-database.js';

/** Lines as `CopyLines` hands them on, read out at once (its bytes are only valid during the call). */
function linesOf(chunks: string[]): string[] {
  const lines: string[] = [];
  const splitter = new CopyLines((bytes, start, end) => lines.push(bytes.toString('utf8', start, end)));
  for (const chunk of chunks) {
    const bytes = Buffer.from(chunk);
    splitter.push(bytes);
    bytes.fill(0x21); // the driver reuses its bytes once the call returns
  }
  expect(splitter.ended()).toBe(true);
  return lines;
}

describe('lines of a COPY', () => {
  it('are handed on one by one, however the bytes were divided, a part line kept as a copy', () => {
    expect(linesOf(['a\n'])).toEqual(['a']);
    expect(linesOf(['a\nbb\n', 'c\n'])).toEqual(['a', 'bb', 'c']);
    expect(linesOf(['a\nb', 'b', 'b\nc', '\n'])).toEqual(['a', 'bbb', 'c']);
    expect(linesOf(['ي', 'ي\n'])).toEqual(['يي']); // a character split between chunks
  });

  it('say when the bytes stopped inside a line', () => {
    const splitter = new CopyLines(() => undefined);
    splitter.push(Buffer.from('a\nb'));
    expect(splitter.ended()).toBe(false);
  });
});

describe.runIf(process.env.DATABASE_URL)('COPY out of a PostgreSQL server', () => {
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let db: Database;
  beforeAll(async () => {
    scratch = await scratchDatabase();
    db = scratch.db;
  });
  afterAll(async () => {
    await scratch?.close();
  });

  async function copied(text: string, values: unknown[]): Promise<string[]> {
    const lines: string[] = [];
    await db.copyOut?.(text, values, (bytes, start, end) => lines.push(bytes.toString('utf8', start, end)));
    return lines;
  }

  it('binds values of every type the statements use, an array compared with ANY among them', async () => {
    const lines = await copied(
      `SELECT g, $2::timestamptz > '2026-01-01T00:00:00Z', $3, $4::int * g FROM generate_series(1, 5) g WHERE g::text = ANY($1::text[]) ORDER BY g`,
      [['2', '4', 'x'], '2026-01-02T03:04:05Z', 'a,b', 10],
    );
    expect(lines).toEqual(['2\u0001t\u0001a,b\u000120', '4\u0001t\u0001a,b\u000140']);
  });

  it('fails with the database error when a row cannot be made, and the connection pool goes on working', async () => {
    await expect(copied(`SELECT 1 / (3 - g) FROM generate_series(1, 5) g`, [])).rejects.toThrow(/division by zero/);
    await expect(copied(`SELECT 'after'`, [])).resolves.toEqual(['after']);
    const { rows } = await db.pool.query<{ n: number }>('SELECT 1 AS n');
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('hands out a row far larger than a network read as one line', async () => {
    const [line] = await copied(`SELECT repeat('ي', 200000)`, []);
    expect(line).toBe('ي'.repeat(200_000));
  });
});
