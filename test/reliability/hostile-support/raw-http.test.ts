import { describe, expect, it } from 'vitest';
import { parseResponse } from './raw-http.js';

describe('parseResponse: an HTTP/1.1 answer read off the socket', () => {
  it('reads the status, headers (names lower-cased, repeats joined) and a body with a length', () => {
    const raw = Buffer.from('HTTP/1.1 404 Not Found\r\nContent-Type: application/fhir+json\r\nVary: a\r\nVary: b\r\nContent-Length: 2\r\n\r\n{}');
    expect(parseResponse(raw)).toEqual({ status: 404, headers: { 'content-type': 'application/fhir+json', vary: 'a, b', 'content-length': '2' }, body: Buffer.from('{}') });
  });

  it('joins a chunked body, even where a chunk boundary splits a word', () => {
    const raw = Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nFore\r\n9\r\nignmarker\r\n0\r\n\r\n');
    expect(parseResponse(raw).body.toString()).toBe('Foreignmarker');
  });

  it('has no status when no complete head came back', () => {
    expect(parseResponse(Buffer.from('HTTP/1.1 20'))).toEqual({ headers: {}, body: Buffer.alloc(0) });
    expect(parseResponse(Buffer.alloc(0)).status).toBeUndefined();
  });
});
