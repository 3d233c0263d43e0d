/**
 * Bytes appended into one buffer that doubles as it fills, and can be emptied and filled again: a page of a
 * bulk export is thousands of short slices of the database's output, copied straight into place, with nothing
 * allocated per slice and, once the buffer has grown to a page, nothing per page.
 */
export class GrowableBuffer {
  private bytes: Buffer;
  private used = 0;

  constructor(initialBytes = 64 * 1024) {
    this.bytes = Buffer.allocUnsafe(initialBytes);
  }

  get length(): number {
    return this.used;
  }

  /** Empties it, keeping its bytes for what is appended next. */
  clear(): void {
    this.used = 0;
  }

  /** Appends `source[start, end)`. */
  append(source: Buffer, start: number, end: number): void {
    this.reserve(end - start);
    this.used += source.copy(this.bytes, this.used, start, end);
  }

  /** What was appended, as a view of this buffer (append nothing more while it is in use). */
  contents(): Buffer {
    return this.bytes.subarray(0, this.used);
  }

  private reserve(extra: number): void {
    if (this.used + extra <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + extra));
    this.bytes.copy(grown, 0, 0, this.used);
    this.bytes = grown;
  }
}
