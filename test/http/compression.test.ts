import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureClientBuilt } from '../browser/support/client-build.js';
import { bearer } from '../support/http.js';
import { useTestServer } from '../support/suite.js';

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** the bytes as sent, not decoded (fetch would decode them and hide what went over the wire) */
  body: Buffer;
}

function rawGet(url: string, headers: Record<string, string>): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

const decoders: Record<string, (body: Buffer) => Buffer> = {
  gzip: zlib.gunzipSync,
  br: zlib.brotliDecompressSync,
  identity: (body) => body,
};

function decoded(res: RawResponse): unknown {
  const encoding = res.headers['content-encoding'] ?? 'identity';
  return JSON.parse(decoders[encoding](res.body).toString('utf8'));
}

// Built before the app starts, which serves client/dist only if it exists when it is created.
beforeAll(ensureClientBuilt);
const suite = useTestServer();
const dist = path.resolve(import.meta.dirname, '../../client/dist');

describe('compressed responses', () => {
  // The shipped Questionnaires make a search result of tens of kilobytes.
  const search = () => `${suite.server.fhirBase}/Questionnaire?_count=20`;

  it.each([
    ['br', 'gzip, deflate, br'],
    ['gzip', 'gzip, deflate'],
  ])('answers a FHIR search %s-encoded when the client accepts it (Accept-Encoding: %s)', async (encoding, accepted) => {
    const res = await rawGet(search(), { ...bearer(suite.server.token), 'Accept-Encoding': accepted });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe(encoding);
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    const identity = await rawGet(search(), { ...bearer(suite.server.token), 'Accept-Encoding': 'identity' });
    expect(res.body.length).toBeLessThan(identity.body.length / 3);
    expect(decoded(res)).toEqual(decoded(identity));
  });

  it('answers uncompressed to a client that does not say it accepts compression, still varying on Accept-Encoding', async () => {
    const res = await rawGet(search(), bearer(suite.server.token));
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(decoded(res)).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
  });

  it('leaves a response below the threshold as it is: a count-only search', async () => {
    const res = await rawGet(`${suite.server.fhirBase}/Questionnaire?_summary=count`, { ...bearer(suite.server.token), 'Accept-Encoding': 'gzip, br' });
    expect(res.status).toBe(200);
    expect(res.body.length).toBeLessThan(1024);
    expect(res.headers['content-encoding']).toBeUndefined();
  });
});

describe('caching of the web client', () => {
  const indexHtml = () => fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const assetsNamedBy = (html: string) => [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]);

  it('serves index.html to be revalidated on every load, at / and at a client route', async () => {
    for (const url of ['/', '/index.html', '/caseload']) {
      const res = await rawGet(`${suite.server.origin}${url}`, { 'Accept-Encoding': 'gzip' });
      expect(res.status, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it.each([
    ['br', 'gzip, deflate, br'],
    ['gzip', 'gzip, deflate'],
    ['identity', 'identity'],
  ])('serves the hashed assets index.html names as immutable for a year, %s-encoded to Accept-Encoding: %s', async (encoding, accepted) => {
    const assets = assetsNamedBy(indexHtml());
    expect(assets.some((asset) => asset.endsWith('.js'))).toBe(true);
    for (const asset of assets) {
      expect(asset, 'a content hash in the name').toMatch(/-[\w-]{8,}\.(js|css)$/);
      const res = await rawGet(`${suite.server.origin}${asset}`, { 'Accept-Encoding': accepted });
      expect(res.status, asset).toBe(200);
      expect(res.headers['cache-control'], asset).toBe('public, max-age=31536000, immutable');
      expect(res.headers['content-type'], asset).toMatch(asset.endsWith('.js') ? /^(text|application)\/javascript/ : /^text\/css/);
      expect(res.headers['content-encoding'] ?? 'identity', asset).toBe(encoding);
      expect(res.headers.vary, asset).toMatch(/Accept-Encoding/i);
      expect(decoders[encoding](res.body).equals(fs.readFileSync(path.join(dist, asset))), asset).toBe(true);
    }
  });

  it('answers 404 for an asset that does not exist, not the page (which a browser would run as the script)', async () => {
    const res = await rawGet(`${suite.server.origin}/assets/index-00000000.js`, {});
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).not.toMatch(/^text\/html/);
  });
});
