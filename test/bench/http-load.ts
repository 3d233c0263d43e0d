import autocannon, { type AutocannonRequest } from 'autocannon';
import type { CpuMeter } from './cpu-time.js';
import { summarize, type Measurement } from './latency.js';

export interface HttpScenario {
  method: 'GET' | 'POST';
  /** the path (with query) and body of the next request; called once per request */
  next(): { path: string; body?: string };
  /** requests in flight at once */
  connections: number;
}

export interface Timing {
  warmupSeconds: number;
  seconds: number;
}

/** Where the load goes, and as whom. */
export interface Target {
  origin: string;
  accessToken: string;
}

/**
 * Drives one scenario against the server for a fixed time, after a warm-up whose figures are dropped;
 * `meter` sees only the measured period.
 */
export async function measureHttp(target: Target, scenario: HttpScenario, timing: Timing, meter?: CpuMeter): Promise<Measurement> {
  if (timing.warmupSeconds > 0) await run(target, scenario, timing.warmupSeconds);
  meter?.start();
  const measured = await run(target, scenario, timing.seconds);
  return meter ? { ...measured, cpu: meter.stop() } : measured;
}

async function run(target: Target, scenario: HttpScenario, seconds: number): Promise<Measurement> {
  const latencies: number[] = [];
  const headers: Record<string, string> = { accept: 'application/fhir+json', authorization: `Bearer ${target.accessToken}` };
  if (scenario.method === 'POST') headers['content-type'] = 'application/fhir+json';
  const request: AutocannonRequest = {
    method: scenario.method,
    headers,
    setupRequest: (req) => {
      const { path, body } = scenario.next();
      return { ...req, path, ...(body !== undefined ? { body } : {}) };
    },
  };
  const instance = autocannon({
    url: target.origin,
    connections: scenario.connections,
    duration: seconds,
    timeout: 30,
    requests: [request],
  });
  instance.on('response', (_client, status, _bytes, ms) => {
    if (status >= 200 && status < 300) latencies.push(ms);
  });
  const result = await instance;
  return summarize(latencies, result.duration, result.non2xx + result.errors + result.timeouts);
}
