import { performance } from 'node:perf_hooks';
import readline from 'node:readline';

/**
 * `node --import tsx healthz-probe-process.ts <origin> <intervalMs> <timeoutMs>`: asks GET /healthz every
 * interval and prints one JSON line per answer ({ms, status}; status 0 when none came within the timeout).
 * A process of its own, so that the hostile client's work (building and parsing large bodies) never delays
 * a probe: what it measures is the server. A line on stdin names a new origin; end of stdin stops it.
 */
const [origin0, intervalArg, timeoutArg] = process.argv.slice(2);
let origin = origin0;
const intervalMs = Number(intervalArg);
const timeoutMs = Number(timeoutArg);
let running = true;
const commands = readline.createInterface({ input: process.stdin });
commands.on('line', (line) => (origin = line.trim()));
commands.on('close', () => (running = false));

while (running) {
  const t0 = performance.now();
  let status = 0;
  try {
    const res = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    status = res.status;
  } catch {
    // no answer within the timeout, or nobody listening: status 0
  }
  const ms = performance.now() - t0;
  process.stdout.write(`${JSON.stringify({ ms, status })}\n`);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, intervalMs - ms)));
}
