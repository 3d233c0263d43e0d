import { describe, expect, it } from 'vitest';
import { GrowableBuffer } from '../../server/store/growable-buffer.js';

describe('a growable buffer', () => {
  it('holds what was appended, in order, growing past its first size', () => {
    const buffer = new GrowableBuffer(4);
    const source = Buffer.from('abcdefghij');
    buffer.append(source, 0, 3);
    buffer.append(source, 5, 10);
    buffer.append(Buffer.from('ي'.repeat(100)), 0, 200);
    expect(buffer.length).toBe(208);
    expect(buffer.contents().toString('utf8')).toBe(`abcfghij${'ي'.repeat(100)}`);
  });

  it('starts again from nothing when cleared, keeping no trace of what it held', () => {
    const buffer = new GrowableBuffer(4);
    buffer.append(Buffer.from('a long first page'), 0, 17);
    buffer.clear();
    expect(buffer.length).toBe(0);
    buffer.append(Buffer.from('next'), 0, 4);
    expect(buffer.contents().toString()).toBe('next');
  });
});
