import type { ExportCursor, ExportPage, ExportPageQuery } from '../store/export-reads.js';
import type { GrowableBuffer } from '../store/growable-buffer.js';
import type { ExportAudit, Repository } from '../store/repository.js';

/**
 * The pages of one type of an export, in window order, with up to `readers` of them read at once. The
 * type's windows are known before the first is read (see `exportWindowEnds`), so while the caller writes a
 * page (and its AuditEvent is stored), the database is already reading the windows after it on connections
 * of their own. The last window, and every page of a list of patients (whose next page is known only from
 * the one before), is read alone: where it ends comes with it.
 *
 * Each page is read into a buffer taken from `buffers` (one more than `readers`: the page being written
 * holds one), and the buffer goes back once the caller asks for the next page, having written this one.
 */
export async function* exportPages(
  repo: Repository,
  query: Omit<ExportPageQuery, 'after' | 'upTo' | 'into'>,
  audit: ExportAudit,
  readers: number,
  buffers: GrowableBuffer[],
): AsyncGenerator<ExportPage> {
  const ends = Array.isArray(query.patients) ? [] : await repo.exportWindowEnds(query);
  let window = 0;
  const reads: { page: Promise<ExportPage>; buffer: GrowableBuffer; open: boolean }[] = [];
  let after: ExportCursor | undefined;
  let done = false;
  const startReads = (): void => {
    while (!done && reads.length < readers && !reads.some((r) => r.open)) {
      const upTo: ExportCursor | undefined = ends[window++]; // past the last end: the rest
      const buffer = buffers.pop();
      if (!buffer) throw new Error('an export needs a page buffer for each reader and one more');
      reads.push({ page: repo.exportPage({ ...query, after, upTo, into: buffer }, audit), buffer, open: !upTo });
      after = upTo;
    }
  };
  try {
    for (;;) {
      startReads();
      const read = reads.shift();
      if (!read) return;
      const page = await read.page;
      if (read.open) {
        after = page.next;
        done = !page.next;
      }
      startReads();
      yield page;
      buffers.push(read.buffer);
    }
  } finally {
    // pages read ahead of a failed write (or an abort) are not waited for, and their failures are not the export's
    for (const read of reads) void read.page.catch(() => undefined);
  }
}
