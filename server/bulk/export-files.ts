import fs from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';

/**
 * Where export files live: `<export dir>/<job id>/<attempt>/<Type>-<n>.ndjson`. Each attempt writes into a
 * directory of its own, so an attempt that is abandoned (its process died) and the one that starts over
 * never write into each other's files, and what the manifest names is exactly what one attempt wrote.
 */

const jobIdPattern = /^[0-9a-f-]{36}$/;
const filePattern = /^(\d{1,4})\/([A-Z][A-Za-z]{1,63}-\d{1,6}\.ndjson)$/;

export function jobDir(root: string, jobId: string): string {
  if (!jobIdPattern.test(jobId)) throw new Error(`not an export job id: ${jobId}`);
  return path.join(root, jobId);
}

export function attemptDir(root: string, jobId: string, attempt: number): string {
  return path.join(jobDir(root, jobId), String(attempt));
}

/** The path of a file a manifest names (`<attempt>/<name>`), or undefined for anything else. */
export function exportFilePath(root: string, jobId: string, file: string): string | undefined {
  if (!jobIdPattern.test(jobId) || !filePattern.test(file)) return undefined;
  return path.join(jobDir(root, jobId), file);
}

export interface WrittenFile {
  type: string;
  /** `<attempt>/<name>`, as the manifest and the download URL name it */
  file: string;
  count: number;
}

/**
 * The NDJSON files of one resource type: a file is opened at the first resource (no empty files), and a page
 * that would take it past `maxPerFile` resources begins the next one (a page is never split; a page larger
 * than the limit gets a file of its own). A write resolves once its bytes are in the file, so memory stays
 * flat however large the export.
 */
export class NdjsonFiles {
  private stream: fs.WriteStream | undefined;
  private inFile = 0;
  private readonly written: WrittenFile[] = [];

  constructor(
    private readonly dir: string,
    private readonly attempt: number,
    private readonly type: string,
    private readonly maxPerFile: number,
  ) {}

  /**
   * Appends `count` resources, each one line of JSON ending in a newline (stored content never holds a raw one).
   * Resolves once the bytes are in the file, so the caller may fill `ndjson` again.
   */
  async write(ndjson: Buffer, count: number): Promise<void> {
    if (count === 0) return;
    if (!this.stream || (this.inFile > 0 && this.inFile + count > this.maxPerFile)) await this.next();
    this.inFile += count;
    this.current().count += count;
    const stream = this.stream as fs.WriteStream;
    await new Promise<void>((resolve, reject) => stream.write(ndjson, (err) => (err ? reject(err) : resolve())));
  }

  /** Closes the last file; returns every file written, in order. */
  async close(): Promise<WrittenFile[]> {
    await this.end();
    return this.written;
  }

  private current(): WrittenFile {
    return this.written[this.written.length - 1];
  }

  private async next(): Promise<void> {
    await this.end();
    const name = `${this.type}-${this.written.length + 1}.ndjson`;
    this.stream = fs.createWriteStream(path.join(this.dir, name), { flags: 'wx' });
    await once(this.stream, 'open');
    // A failed write is reported to write()'s caller through its callback; the stream's 'error' event, which
    // would otherwise be unhandled, is not where it is dealt with.
    this.stream.on('error', () => undefined);
    this.written.push({ type: this.type, file: `${this.attempt}/${name}`, count: 0 });
    this.inFile = 0;
  }

  private async end(): Promise<void> {
    const stream = this.stream;
    if (!stream) return;
    this.stream = undefined;
    stream.end();
    await once(stream, 'finish');
    // The file is complete on disk before the manifest that names it is recorded.
    const handle = await fs.promises.open(stream.path as string, 'r');
    await handle.sync().finally(() => handle.close());
  }
}
