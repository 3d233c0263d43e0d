import { describe, expect, it } from 'vitest';
import { ByteBudget } from '../../server/http/body-budget.js';
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
});
