import net from 'node:net';
import { performance } from 'node:perf_hooks';

/**
 * HTTP/1.1 spoken by hand over a socket, so that a request can be anything a hostile client sends: header
 * names and values a browser's fetch would refuse, a Content-Length that lies, a body in chunks, bytes
 * that are not UTF-8. One connection per request (`Connection: close`), read to its end.
 */
export interface RawRequest {
  method: string;
  /** path and query as sent on the request line (latin1 bytes) */
  target: string;
  /** in order, repeats allowed, written as given; Host and Connection are added */
  headers: [string, string][];
  body?: Buffer;
  /** send the body in chunks of this size with Transfer-Encoding: chunked instead of a Content-Length */
  chunkSize?: number;
  /** a Content-Length to declare instead of the body's length (a lie, either way) */
  declaredLength?: number;
}

export interface RawAnswer {
  /** undefined when no status line came back */
  status?: number;
  headers: Record<string, string>;
  body: Buffer;
  ms: number;
  /** what went wrong on the connection, if anything (a refusal may close it while the body is still being sent) */
  error?: string;
  /** no complete answer within the time allowed */
  timedOut: boolean;
}

export async function sendRaw(origin: string, request: RawRequest, timeoutMs: number): Promise<RawAnswer> {
  const { hostname, port } = new URL(origin);
  const start = performance.now();
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    const chunks: Buffer[] = [];
    let error: string | undefined;
    let timedOut = false;
    let settled = false;
    const finish = (): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ ...parseResponse(Buffer.concat(chunks)), ms: performance.now() - start, timedOut, ...(error === undefined ? {} : { error }) });
    };
    const timer = setTimeout(() => {
      timedOut = true;
      error ??= `no complete answer within ${timeoutMs} ms`;
      finish();
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (err) => {
      error ??= err.message;
      finish();
    });
    socket.on('close', finish);
    socket.on('connect', () => {
      socket.write(head(request, `${hostname}:${port}`), 'latin1');
      writeBody(socket, request);
      // A body shorter than declared: half-close, so the server sees the end instead of waiting for the rest
      // (otherwise the connection stays open for the answer; Node's server drops requests on a half-close).
      if ((request.declaredLength ?? 0) > (request.body?.length ?? 0)) socket.end();
    });
  });
}

function head(request: RawRequest, host: string): string {
  const lines = [`${request.method} ${request.target} HTTP/1.1`, `Host: ${host}`, 'Connection: close'];
  for (const [name, value] of request.headers) lines.push(`${name}: ${value}`);
  if (request.body !== undefined) {
    if (request.chunkSize !== undefined) lines.push('Transfer-Encoding: chunked');
    else lines.push(`Content-Length: ${request.declaredLength ?? request.body.length}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n`;
}

function writeBody(socket: net.Socket, request: RawRequest): void {
  const { body, chunkSize } = request;
  if (body === undefined) return;
  if (chunkSize === undefined) {
    socket.write(body);
    return;
  }
  for (let at = 0; at < body.length; at += chunkSize) {
    const piece = body.subarray(at, at + chunkSize);
    socket.write(`${piece.length.toString(16)}\r\n`);
    socket.write(piece);
    socket.write('\r\n');
  }
  socket.write('0\r\n\r\n');
}

/** The status, headers (lower-cased names; repeats joined) and body (de-chunked) of what came back. */
export function parseResponse(raw: Buffer): Omit<RawAnswer, 'ms' | 'error' | 'timedOut'> {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return { headers: {}, body: Buffer.alloc(0) };
  const [statusLine, ...headerLines] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1];
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  const rest = raw.subarray(end + 4);
  const body = headers['transfer-encoding']?.includes('chunked') ? dechunk(rest) : rest;
  return { ...(status === undefined ? {} : { status: Number(status) }), headers, body };
}

function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  while (at < data.length) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) break;
    const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
