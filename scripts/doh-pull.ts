/**
 * doh-pull: what a Directorate of Health runs to pull its data from Hiwa, and a starting point to copy.
 *
 *   npm run doh:pull -- --out ./pulled [--base http://localhost:8080/fhir/R4] [--key data/demo-keys/doh-demo.private.jwk]
 *                       [--client-id doh-demo] [--type Patient,Observation] [--since 2026-01-01T00:00:00Z] [--level patient|system]
 *
 * 1. SMART Backend Services: signs a client assertion with the client's private key (a JWK) and trades it
 *    for an access token at the server's token endpoint (found in .well-known/smart-configuration).
 * 2. Bulk Data kick-off (`Prefer: respond-async`), then polls the status URL, showing the server's progress,
 *    waiting as long as its Retry-After says.
 * 3. Downloads every file of the manifest into the folder, one NDJSON file per output, streamed to disk.
 *
 * Keep the manifest's `transactionTime` (written to manifest.json) and pass it as --since next time to pull
 * only what changed.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream } from 'node:stream/web';
import { parseArgs } from 'node:util';
import { Client } from 'fhir-kit-client';
import { importJWK, SignJWT, type JWK } from 'jose';
import { z } from 'zod';

const flags = z
  .strictObject({
    out: z.string().min(1),
    base: z.string().url().default('http://localhost:8080/fhir/R4'),
    key: z.string().default('data/demo-keys/doh-demo.private.jwk'),
    'client-id': z.string().default('doh-demo'),
    type: z.string().optional(),
    since: z.string().optional(),
    level: z.enum(['patient', 'system']).default('patient'),
  })
  .parse(
    parseArgs({
      options: {
        out: { type: 'string' },
        base: { type: 'string' },
        key: { type: 'string' },
        'client-id': { type: 'string' },
        type: { type: 'string' },
        since: { type: 'string' },
        level: { type: 'string' },
      },
    }).values,
  );

interface Manifest {
  transactionTime: string;
  output: { type: string; url: string; count?: number }[];
  error: { type: string; url: string }[];
}

const client = new Client({ baseUrl: flags.base });
const clientId = flags['client-id'];

/** A system access token, fetched again a little before it expires. */
let token: { value: string; until: number } | undefined;
async function accessToken(): Promise<string> {
  if (token && Date.now() < token.until) return token.value;
  const config = (await client.request('.well-known/smart-configuration')) as unknown as { token_endpoint: string };
  const jwk = JSON.parse(fs.readFileSync(flags.key, 'utf8')) as JWK;
  const alg = jwk.alg ?? 'ES384';
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg, kid: jwk.kid, typ: 'JWT' })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(config.token_endpoint)
    .setExpirationTime('4m')
    .setJti(randomUUID())
    .sign(await importJWK(jwk, alg));
  const res = await fetch(config.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      scope: 'system/*.read',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    }),
  });
  const body = (await res.json()) as { access_token?: string; expires_in?: number; error_description?: string };
  if (!res.ok || !body.access_token) throw new Error(`token refused: ${body.error_description ?? res.status}`);
  token = { value: body.access_token, until: Date.now() + ((body.expires_in ?? 300) - 30) * 1000 };
  client.bearerToken = body.access_token;
  return body.access_token;
}

/** One line that rewrites itself on a terminal, and plain lines otherwise. */
function progress(line: string): void {
  if (process.stdout.isTTY) process.stdout.write(`\r\x1b[K${line}`);
  else process.stdout.write(`${line}\n`);
}

async function kickOff(): Promise<string> {
  await accessToken();
  const query = new URLSearchParams({
    _outputFormat: 'application/fhir+ndjson',
    ...(flags.type ? { _type: flags.type } : {}),
    ...(flags.since ? { _since: flags.since } : {}),
  });
  const started = await client.request(`${flags.level === 'patient' ? 'Patient/' : ''}$export?${query}`, {
    options: { headers: { Prefer: 'respond-async', Accept: 'application/fhir+json' } },
  });
  const statusUrl = Client.httpFor(started).response?.headers.get('content-location');
  if (!statusUrl) throw new Error('the server accepted the export but gave no status URL');
  return statusUrl;
}

async function awaitManifest(statusUrl: string): Promise<Manifest> {
  for (;;) {
    await accessToken();
    const answer = await client.request(statusUrl);
    const response = Client.httpFor(answer).response;
    if (response?.status === 200) return answer as unknown as Manifest;
    progress(`export running: ${response?.headers.get('x-progress') ?? '…'}`);
    const wait = Number(response?.headers.get('retry-after') ?? 5);
    await new Promise((resolve) => setTimeout(resolve, Math.max(1, wait) * 1000));
  }
}

/** Streams one output file to disk; the manifest says an access token is needed, so it is sent. */
async function download(url: string, file: string): Promise<void> {
  const res = await fetch(url, { headers: { Authorization: `Bearer ${await accessToken()}`, Accept: 'application/fhir+ndjson' } });
  if (!res.ok || !res.body) throw new Error(`download of ${url} failed: ${res.status}`);
  await pipeline(Readable.fromWeb(res.body as ReadableStream<Uint8Array>), fs.createWriteStream(file));
}

fs.mkdirSync(flags.out, { recursive: true });
const statusUrl = await kickOff();
progress(`export accepted: ${statusUrl}`);
const manifest = await awaitManifest(statusUrl);
const total = manifest.output.reduce((n, o) => n + (o.count ?? 0), 0);
progress(`export ready: ${manifest.output.length} files, ${total} resources, as of ${manifest.transactionTime}`);
process.stdout.write('\n');
let done = 0;
for (const [i, output] of manifest.output.entries()) {
  const name = path.basename(new URL(output.url).pathname);
  await download(output.url, path.join(flags.out, name));
  done += output.count ?? 0;
  progress(`downloaded ${i + 1}/${manifest.output.length} files, ${done}/${total} resources (${name})`);
}
fs.writeFileSync(path.join(flags.out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
process.stdout.write(`\nwrote ${manifest.output.length} NDJSON files to ${flags.out}; next time: --since ${manifest.transactionTime}\n`);
