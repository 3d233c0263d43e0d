import { performance } from 'node:perf_hooks';
import { summarize, type Measurement } from './latency.js';

/**
 * Runs `operation` from `concurrency` workers until `seconds` have passed, timing each call: the same shape
 * of load as the HTTP scenarios, for work sent straight to the database.
 */
export async function measureLoop(
  concurrency: number,
  seconds: number,
  operation: (call: number) => Promise<void>,
): Promise<Measurement> {
  const latencies: number[] = [];
  let failures = 0;
  let call = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      const t0 = performance.now();
      try {
        await operation(call++);
        latencies.push(performance.now() - t0);
      } catch (err) {
        if (failures++ === 0) console.error(`  first failure: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return summarize(latencies, (performance.now() - start) / 1000, failures);
}
