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
  return measureHttpAcross([target], scenario, timing, meter);
}

/**
 * The same, against several API processes at once (as a deployment runs them behind a balancer), each
 * with the scenario's connections; one Measurement of all their requests together.
 */
export async function measureHttpAcross(targets: Target[], scenario: HttpScenario, timing: Timing, meter?: CpuMeter): Promise<Measurement> {
  const all = async (seconds: number) => {
    const runs = await Promise.all(targets.map((t) => run(t, scenario, seconds)));
    return summarize(
      runs.flatMap((r) => r.latencies),
      Math.max(...runs.map((r) => r.seconds)),
      runs.reduce((n, r) => n + r.failures, 0),
    );
  };
  if (timing.warmupSeconds > 0) await all(timing.warmupSeconds);
  meter?.start();
  const measured = await all(timing.seconds);
  return meter ? { ...measured, cpu: meter.stop() } : measured;
}

interface Run {
  /** ms, of the requests that succeeded */
  latencies: number[];
  seconds: number;
  failures: number;
}

async function run(target: Target, scenario: HttpScenario, seconds: number): Promise<Run> {
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
  return { latencies, seconds: result.duration, failures: result.non2xx + result.errors + result.timeouts };
}
