import type { ExportCursor, ExportPage, ExportPageQuery } from '../store/export-reads.js';
import type { GrowableBuffer } from '../store/growable-buffer.js';
import type { ExportAudit, Repository } from '../store/repository.js';

/**
 * The pages of one type of an export, in window order, several read at once. The
 * type's windows are known before the first is read (see `exportWindowEnds`), so while the caller writes a
 * page (and its AuditEvent is stored), the database is already reading the windows after it on connections
 * of their own. The last window, and every page of a list of patients (whose next page is known only from
 * the one before), is read alone: where it ends comes with it.
 *
 * `windowEnds` are the type's (`exportWindows`), when the caller has them walked already.
 *
 * Each page is read into a buffer taken from `buffers`, and the buffer goes back once the caller asks for
 * the next page, having written this one: the page being written holds one buffer and each of the others is
 * a window read at once (two buffers: one window read ahead, as an export of one reader does).
 */
export async function* exportPages(
  repo: Repository,
  query: Omit<ExportPageQuery, 'after' | 'upTo' | 'into'>,
  audit: ExportAudit,
  buffers: GrowableBuffer[],
  windowEnds: Promise<ExportCursor[]> = exportWindows(repo, query),
): AsyncGenerator<ExportPage> {
  // one buffer for the page being written, one for each window read at once
  const readers = buffers.length - 1;
  if (readers < 1) throw new Error('an export needs a page buffer to write from and one to read into');
  const ends = await windowEnds;
  let window = 0;
  const reads: { page: Promise<ExportPage>; buffer: GrowableBuffer; open: boolean }[] = [];
  let after: ExportCursor | undefined;
  let done = false;
  const startReads = (): void => {
    while (!done && reads.length < readers && !reads.some((r) => r.open)) {
      const upTo: ExportCursor | undefined = ends[window++]; // past the last end: the rest
      const buffer = buffers.pop() as GrowableBuffer; // at most `readers` are out besides the one being written
      const page = repo.exportPage({ ...query, after, upTo, into: buffer }, audit);
      // awaited in window order below; a failure that comes while an earlier window is awaited must not go
      // unhandled meanwhile (the process would end), and one read after a failed write is not the export's
      page.catch(() => undefined);
      reads.push({ page, buffer, open: !upTo });
      after = upTo;
    }
  };
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
}

/** Where the type's windows end (`Repository.exportWindowEnds`); none for a list of patients, read page after page. */
export function exportWindows(repo: Repository, query: Omit<ExportPageQuery, 'after' | 'upTo' | 'into'>): Promise<ExportCursor[]> {
  return Array.isArray(query.patients) ? Promise.resolve([]) : repo.exportWindowEnds(query);
}
