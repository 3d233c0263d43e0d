import { expect } from 'vitest';
import type { ExportManifest } from '../../server/bulk/export-manifest.js';

/**
 * A Bulk Data client for tests, speaking the IG's protocol (export.html): kick-off with
 * `Prefer: respond-async`, polling the Content-Location, downloading the manifest's files with the token.
 */

export interface KickOff {
  status: number;
  /** the status URL (Content-Location) of an accepted export */
  statusUrl?: string;
  contentType: string | null;
  retryAfter: string | null;
  // any: an OperationOutcome or nothing; each assertion states what it reads
  body: any;
}

export type Manifest = ExportManifest;

const auth = (token: string): Record<string, string> => ({ Authorization: `Bearer ${token}` });

export async function kickOff(
  fhirBase: string,
  token: string,
  path: string,
  options: { prefer?: string; method?: 'GET' | 'POST'; body?: unknown } = {},
): Promise<KickOff> {
  const res = await fetch(`${fhirBase}/${path}`, {
    method: options.method ?? 'GET',
    headers: {
      ...auth(token),
      Accept: 'application/fhir+json',
      ...(options.prefer === '' ? {} : { Prefer: options.prefer ?? 'respond-async' }),
      ...(options.body ? { 'Content-Type': 'application/fhir+json' } : {}),
    },
    body: options.body ? JSON.stringify(options.body) : undefined,
  });
  const text = await res.text();
  return {
    status: res.status,
    statusUrl: res.headers.get('content-location') ?? undefined,
    contentType: res.headers.get('content-type'),
    retryAfter: res.headers.get('retry-after'),
    body: text ? JSON.parse(text) : undefined,
  };
}

export interface Poll {
  status: number;
  headers: Headers;
  // any: a manifest, an OperationOutcome or nothing
  body: any;
}

export async function poll(statusUrl: string, token: string): Promise<Poll> {
  const res = await fetch(statusUrl, { headers: auth(token) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

/** Polls until the export is no longer in progress (every 200 ms, not the Retry-After a real client waits). */
export async function awaitManifest(statusUrl: string, token: string, limitMs = 60_000): Promise<Manifest> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const res = await poll(statusUrl, token);
    if (res.status === 200) {
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      return res.body as Manifest;
    }
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    if (Date.now() > deadline) throw new Error(`the export did not finish within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function download(url: string, token: string): Promise<{ status: number; contentType: string | null; text: string }> {
  const res = await fetch(url, { headers: { ...auth(token), Accept: 'application/fhir+ndjson' } });
  return { status: res.status, contentType: res.headers.get('content-type'), text: await res.text() };
}

/** Every resource of a manifest, downloaded and parsed, by type. */
export async function exported(manifest: Manifest, token: string): Promise<Map<string, Record<string, any>[]>> {
  const byType = new Map<string, Record<string, any>[]>();
  for (const file of manifest.output) {
    const res = await download(file.url, token);
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^application\/fhir\+ndjson/);
    const lines = res.text.split('\n').filter(Boolean);
    expect(lines.length).toBe(file.count);
    byType.set(file.type, [...(byType.get(file.type) ?? []), ...lines.map((l) => JSON.parse(l) as Record<string, any>)]);
  }
  return byType;
}

/** Kick-off, then the manifest, then the resources: the whole round for one export that must succeed. */
export async function runExport(fhirBase: string, token: string, path: string, options: Parameters<typeof kickOff>[3] = {}) {
  const started = await kickOff(fhirBase, token, path, options);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  const manifest = await awaitManifest(started.statusUrl as string, token);
  return { statusUrl: started.statusUrl as string, manifest, resources: await exported(manifest, token) };
}
