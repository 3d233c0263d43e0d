import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { pauseEvery } from '../server/event-loop.js';

/** Work that holds the event loop for `ms`, as validating a resource does. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spinning on purpose
  }
}

/** Runs a loop of busy rounds until `other` has run or 200 rounds have passed; the rounds it took. */
async function roundsUntil(pause: () => Promise<void>): Promise<number | undefined> {
  let otherRan = false;
  setImmediate(() => (otherRan = true));
  for (let round = 1; round <= 200; round++) {
    busy(1);
    await pause();
    if (otherRan) return round;
  }
  return undefined;
}

describe('pauseEvery', () => {
  it('lets other work run during a long loop', async () => {
    expect(await roundsUntil(pauseEvery(5))).toBeDefined();
  });

  it('is needed: awaiting a settled promise never lets other work in', async () => {
    expect(await roundsUntil(() => Promise.resolve())).toBeUndefined();
  });
});
