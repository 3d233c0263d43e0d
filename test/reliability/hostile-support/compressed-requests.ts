import zlib from 'node:zlib';
import fc from 'fast-check';
import { withBody, type Attack, type HostileRequest } from './attack.js';

/**
 * Compressed bodies: bombs that inflate far beyond the body limit, JSON that inflates to just under it
 * (parsed into many small objects: what costs a server's heap), encodings that do not match their label,
 * truncated and doubled streams. The payloads are made once (some take a second to compress).
 */
export interface Payloads {
  /** name → inflated bytes, compressed with each encoding */
  compressed: { name: string; encoding: 'gzip' | 'deflate' | 'br'; bytes: Buffer }[];
  /** the 30 MiB Patient of small objects as it is, to tell what compression adds to its cost */
  manySmallObjects: Buffer;
}

const MiB = 1024 * 1024;

export function makePayloads(): Payloads {
  // Under the 32 MiB limit: a Patient whose name array holds millions of small objects.
  const manySmallObjects = Buffer.from(`{"resourceType":"Patient","name":[${Array(2_500_000).fill('{"text":"a"}').join(',')}]}`);
  const inflated: [string, () => Buffer][] = [
    ['256 MiB of zeros', () => Buffer.alloc(256 * MiB)],
    ['64 MiB of spaces then {}', () => Buffer.concat([Buffer.alloc(64 * MiB, ' '), Buffer.from('{}')])],
    ['a 30 MiB Patient of 2.5 million names', () => manySmallObjects],
    ['JSON arrays nested 10 million deep (20 MiB)', () => Buffer.from('['.repeat(10 * MiB) + ']'.repeat(10 * MiB))],
    ['a small Patient', () => Buffer.from('{"resourceType":"Patient","name":[{"family":"Zipped"}]}')],
  ];
  const compressed: Payloads['compressed'] = [];
  for (const [name, make] of inflated) {
    const raw = make();
    compressed.push({ name, encoding: 'gzip', bytes: zlib.gzipSync(raw, { level: 9 }) });
    if (raw.length <= 64 * MiB + 2) compressed.push({ name, encoding: 'deflate', bytes: zlib.deflateSync(raw, { level: 9 }) });
    if (raw.length <= 32 * MiB) compressed.push({ name, encoding: 'br', bytes: zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } }) });
  }
  return { compressed, manySmallObjects };
}

export function compressedRequest(attack: Attack, payloads: Payloads): fc.Arbitrary<HostileRequest> {
  const mangle = fc.constantFrom('as labelled', 'as labelled', 'as labelled', 'truncated', 'labelled otherwise', 'doubled label', 'two members', 'trailing garbage');
  const target = fc.constantFrom(['POST', 'Patient'], ['POST', ''], ['POST', 'Patient/$validate'], ['PUT', `Patient/${attack.ownPatientIds[0]}`]);
  return fc.tuple(fc.constantFrom(...payloads.compressed), mangle, target, fc.nat()).map(([payload, how, [method, path], n]): HostileRequest => {
    let bytes = payload.bytes;
    let label: string = payload.encoding;
    if (how === 'truncated') bytes = bytes.subarray(0, 1 + (n % bytes.length));
    if (how === 'labelled otherwise') label = payload.encoding === 'gzip' ? 'deflate' : 'gzip';
    if (how === 'doubled label') label = `${payload.encoding}, ${payload.encoding}`;
    if (how === 'two members') bytes = Buffer.concat([bytes, bytes]);
    if (how === 'trailing garbage') bytes = Buffer.concat([bytes, Buffer.from('garbage\u0000')]);
    const request = withBody(attack, method, path, bytes, `${method} ${path} ${payload.name}, ${payload.encoding} ${how} as ${label} (${bytes.length} bytes)`);
    return { ...request, headers: [...request.headers, ['Content-Encoding', label]] };
  });
}

/**
 * Bodies too large to take, or just small enough: the 30 MiB Patient of small objects uncompressed;
 * declared larger than the limit (the rest never sent); sent in full past the limit with a Content-Length
 * or in chunks; declared shorter than sent; past the small limits of the login and admin doors.
 */
export function oversizedRequest(attack: Attack, big: Buffer, payloads: Payloads): fc.Arbitrary<HostileRequest> {
  return fc.oneof(
    fc.constant(withBody(attack, 'POST', 'Patient', payloads.manySmallObjects, `a Patient of 2.5 million names, ${payloads.manySmallObjects.length} bytes uncompressed`)),
    fc.tuple(fc.integer({ min: 33 * MiB, max: 2 ** 40 }), fc.integer({ min: 0, max: 10_000 })).map(([declared, sent]) => ({
      ...withBody(attack, 'POST', 'Patient', big.subarray(0, sent), `declares ${declared} bytes, sends ${sent}`),
      declaredLength: declared,
      mayGoUnanswered: true,
    })),
    fc.constantFrom(undefined, 64 * 1024, 1024 * 1024).map((chunkSize) => ({
      ...withBody(attack, 'POST', '', big, `sends ${big.length} bytes ${chunkSize ? `in ${chunkSize}-byte chunks` : 'with Content-Length'}`),
      ...(chunkSize === undefined ? {} : { chunkSize }),
      mayGoUnanswered: true,
    })),
    fc.integer({ min: 1, max: 20 }).map((declared) => ({
      ...withBody(attack, 'POST', 'Patient', '{"resourceType":"Patient","name":[{"family":"Longer than declared"}]}', `declares ${declared} bytes, sends more`),
      declaredLength: declared,
    })),
    fc.tuple(fc.constantFrom('/auth/login', '/admin/users', '/oauth2/token'), fc.integer({ min: 9_000, max: 2 * MiB })).map(([door, size]): HostileRequest => ({
      method: 'POST',
      target: door,
      headers: [['Content-Type', 'application/json']],
      body: Buffer.from(JSON.stringify({ username: 'x'.repeat(size), password: 'y' })),
      label: `POST ${door} of ${size} bytes`,
      mayGoUnanswered: true,
    })),
  );
}
