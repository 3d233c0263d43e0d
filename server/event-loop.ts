import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * A pause for long loops in a request (validating and indexing the thousands of entries of one Bundle):
 * call the returned function once per round; when the loop has held the event loop for `sliceMs`, it lets
 * one turn of the event loop run (I/O callbacks, timers, other requests) before the loop goes on. Awaiting
 * an already-settled promise is not enough: microtasks run before the event loop gets its turn.
 */
export function pauseEvery(sliceMs = 20): () => Promise<void> {
  let sliceStart = performance.now();
  return async () => {
    if (performance.now() - sliceStart < sliceMs) return;
    await nextTurn();
    sliceStart = performance.now();
  };
}
