import { request } from 'node:http';

export interface JsonResult {
  status: number;
  headers: Headers;
  // any: test bodies are read loosely; each assertion states the shape it expects
  body: any;
}

/** A JSON request for the non-FHIR endpoints (/auth, /admin): status, headers and parsed body. */
export async function jsonRequest(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<JsonResult> {
  const res = await fetch(url, {
    method,
    headers: { ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

export const bearer = (token: string): Record<string, string> => ({ Authorization: `Bearer ${token}` });

export interface RawResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * A request whose bytes and headers are exactly what the test gives (fetch would set or refuse some of them,
 * such as Content-Encoding on a body it did not compress), over a connection of its own.
 */
export function rawRequest(url: string, options: { method: string; headers?: Record<string, string>; body?: Buffer | string }): Promise<RawResult> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method, headers: options.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
