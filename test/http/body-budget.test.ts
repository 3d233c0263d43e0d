import { request } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ByteBudget, bodyCost } from '../../server/http/body-budget.js';
import { rawRequest } from '../support/http.js';
import { useTestServer } from '../support/suite.js';

/** Settles pending promise callbacks, so that what was granted has been granted. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function track(promise: Promise<() => void>) {
  const state: { release?: () => void; error?: unknown } = {};
  promise.then(
    (release) => (state.release = release),
    (error: unknown) => (state.error = error ?? 'aborted'),
  );
  return state;
}

describe('the byte budget of the bodies at work', () => {
  it('admits requests while their bytes fit, and the next one when bytes come back', async () => {
    const budget = new ByteBudget(100);
    const a = track(budget.acquire(60));
    const b = track(budget.acquire(40));
    const c = track(budget.acquire(30));
    await settle();
    expect([a.release, b.release].every(Boolean)).toBe(true);
    expect(c.release).toBeUndefined();
    expect(budget.inUse).toBe(100);
    a.release?.();
    await settle();
    expect(c.release).toBeDefined();
    expect(budget.inUse).toBe(70);
  });

  it('serves in arrival order: a large request waiting is not overtaken by a small one', async () => {
    const budget = new ByteBudget(100);
    const first = track(budget.acquire(50));
    const large = track(budget.acquire(80));
    const small = track(budget.acquire(10));
    await settle();
    expect(large.release).toBeUndefined();
    expect(small.release).toBeUndefined();
    first.release?.();
    await settle();
    expect(large.release).toBeDefined();
    expect(small.release).toBeDefined();
    expect(budget.inUse).toBe(90);
  });

  it('gives bytes back once, however often the release is called', async () => {
    const budget = new ByteBudget(100);
    const a = track(budget.acquire(70));
    await settle();
    a.release?.();
    a.release?.();
    expect(budget.inUse).toBe(0);
  });

  it('counts a request larger than the whole budget as the whole budget, so it runs alone', async () => {
    const budget = new ByteBudget(100);
    const huge = track(budget.acquire(1_000));
    const other = track(budget.acquire(1));
    await settle();
    expect(huge.release).toBeDefined();
    expect(other.release).toBeUndefined();
    huge.release?.();
    await settle();
    expect(other.release).toBeDefined();
  });

  it('drops a request that gives up waiting, with the reason it gave, and lets the next one in', async () => {
    const budget = new ByteBudget(100);
    const holder = track(budget.acquire(90));
    const impatient = new AbortController();
    const quitter = track(budget.acquire(50, impatient.signal));
    const next = track(budget.acquire(10));
    await settle();
    expect(next.release).toBeUndefined(); // behind the quitter
    impatient.abort('waited too long');
    await settle();
    expect(quitter.error).toBe('waited too long');
    expect(next.release).toBeDefined();
    holder.release?.();
    next.release?.();
    expect(budget.inUse).toBe(0);
  });
});

describe('what a request body is charged', () => {
  const cost = (headers: Record<string, string>) => bodyCost((name) => headers[name], 1000);

  it('is nothing for a request without a body', () => {
    expect(cost({})).toBeUndefined();
    expect(cost({ 'content-length': '0' })).toBeUndefined();
  });

  it('is the declared length of a plain body, and nothing for one over the budget (refused 413 at once)', () => {
    expect(cost({ 'content-length': '300' })).toBe(300);
    expect(cost({ 'content-length': '300', 'content-encoding': 'identity' })).toBe(300);
    expect(cost({ 'content-length': '1001' })).toBeUndefined();
  });

  it('is the whole budget for a body of unknown length', () => {
    expect(cost({ 'transfer-encoding': 'chunked' })).toBe(1000);
  });

  it('is the whole budget for a compressed body, whatever it declares: what costs memory is its inflated size', () => {
    for (const encoding of ['gzip', 'deflate', 'br', 'GZIP']) {
      expect(cost({ 'content-length': '40', 'content-encoding': encoding })).toBe(1000);
      expect(cost({ 'content-length': '5000', 'content-encoding': encoding })).toBe(1000);
    }
  });
});

describe('the FHIR endpoint under the budget', () => {
  // A budget of 8 KB: three creates of about 5 KB each can only run one after another.
  const suite = useTestServer({ env: { MAX_BODY_BYTES: '8192' } });

  it('serves requests that had to wait for room, each in full', async () => {
    const patient = (n: number) => ({
      resourceType: 'Patient',
      name: [{ family: `Budget${n}`, given: ['Waiting'] }],
      text: { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${'x'.repeat(5000)}</div>` },
    });
    const results = await Promise.all([1, 2, 3].map((n) => suite.fhir('POST', 'Patient', patient(n))));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    const found = await suite.fhir('GET', 'Patient?family=Budget&_summary=count');
    expect(found.body.total).toBe(3);
  });

  it('still refuses a body over the limit with 413, without waiting for room', async () => {
    const res = await suite.fhir('POST', 'Patient', { resourceType: 'Patient', text: { status: 'generated', div: 'y'.repeat(20_000) } });
    expect(res.status).toBe(413);
    expect(res.body.resourceType).toBe('OperationOutcome');
  });

  const gzipHeaders = (length: number) => ({
    Authorization: `Bearer ${suite.server.token}`,
    'Content-Type': 'application/fhir+json',
    'Content-Encoding': 'gzip',
    'Content-Length': String(length),
  });

  it('charges a compressed body the whole budget: a small plain request waits until it is done', async () => {
    // 300 bytes on the wire; its declared length alone would leave room for the plain request.
    const compressed = gzipSync(JSON.stringify({ resourceType: 'Patient', name: [{ family: 'Compressed', given: ['x'.repeat(6000)] }] }));
    const finished: string[] = [];
    let heldRequest: ReturnType<typeof request> | undefined;
    const held = new Promise<number>((resolve, reject) => {
      const req = request(`${suite.server.fhirBase}/Patient`, { method: 'POST', headers: { ...gzipHeaders(compressed.length), Expect: '100-continue' }, agent: false }, (res) => {
        res.resume();
        res.on('end', () => (finished.push('compressed'), resolve(res.statusCode ?? 0)));
      });
      req.on('error', reject);
      // Half the body now, the rest once the plain request has had every chance to overtake it.
      req.on('continue', () => req.write(compressed.subarray(0, compressed.length >> 1)));
      heldRequest = req;
    });
    // The server has the compressed request's headers once it says 100 Continue; give it a moment to be admitted.
    await delay(300);
    const plain = suite.fhir('POST', 'Patient', { resourceType: 'Patient', name: [{ family: 'Plain' }] }).then((res) => {
      finished.push('plain');
      return res.status;
    });
    await Promise.race([plain, delay(1500)]);
    heldRequest?.end(compressed.subarray(compressed.length >> 1));
    expect(await Promise.all([held, plain])).toEqual([201, 201]);
    expect(finished).toEqual(['compressed', 'plain']);
  });

  it('refuses a compressed bomb, 1 MiB on the wire and 1 GiB inflated, with 413 after inflating no more than the limit', async () => {
    // Concatenated gzip members are one valid gzip body: 64 × 16 MiB of spaces.
    const member = gzipSync(Buffer.alloc(16 * 1024 * 1024, 0x20), { level: 9 });
    const bomb = Buffer.concat(Array.from({ length: 64 }, () => member));
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const before = process.memoryUsage();
    let peak = 0;
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      peak = Math.max(peak, now.arrayBuffers - before.arrayBuffers, now.heapUsed - before.heapUsed);
    }, 5);
    try {
      const res = await rawRequest(`${suite.server.fhirBase}/Patient`, { method: 'POST', headers: gzipHeaders(bomb.length), body: bomb });
      expect(res.status).toBe(413);
      expect(JSON.parse(res.text)).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'too-costly' }] });
      expect(res.text).toContain('once inflated');
    } finally {
      clearInterval(sampler);
    }
    // The server shares this process: had it inflated the body, a gibibyte would have shown here.
    expect(peak).toBeLessThan(64 * 1024 * 1024);
    const after = await suite.fhir('POST', 'Patient', { resourceType: 'Patient', name: [{ family: 'AfterBomb' }] });
    expect(after.status).toBe(201);
  });
});
