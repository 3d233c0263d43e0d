import { performance } from 'node:perf_hooks';
import { randomFor } from '../../../seed/prng.js';
import { summarize, type Measurement } from '../../bench/latency.js';
import type { StaffMember } from './staff.js';
import { actionNames, StaffDay, type ActionName, type Call, type Workplace } from './workday.js';

export interface LoadPlan {
  seconds: number;
  /** pause between one member of staff's actions, drawn uniformly from [min, max] ms */
  thinkMs: { min: number; max: number };
  seed: number;
  /** the longest a request may take before it counts as failed */
  timeoutMs: number;
}

/** A request that did not get the answer its action expects. */
export interface LoadError {
  action: ActionName;
  call: string;
  /** the status, or what went wrong when there was none */
  outcome: number | string;
  detail: string;
}

export interface LoadResult {
  seconds: number;
  overall: Measurement;
  byAction: Map<ActionName, Measurement>;
  errors: LoadError[];
  errorCount: number;
  serverErrors: number;
  /** every success: when it was sent (s after the start) and how long it took (ms), in the order answered */
  timeline: { action: ActionName; at: number; ms: number }[];
}

const KEPT_ERRORS = 20;

/**
 * Every member of staff works in turn-taking loops until time is up: an action, then a pause to think.
 * Each request is timed from send to the end of its body; latency figures count successes only, and each
 * failure is counted (and the first ones kept with what the server said).
 */
export async function runWorkday(staff: readonly StaffMember[], workplace: Workplace, plan: LoadPlan): Promise<LoadResult> {
  const failures = new Map<ActionName, number>(actionNames.map((a) => [a, 0]));
  const errors: LoadError[] = [];
  const timeline: LoadResult['timeline'] = [];
  let errorCount = 0;
  let serverErrors = 0;
  const fail = (error: LoadError): undefined => {
    errorCount++;
    failures.set(error.action, (failures.get(error.action) ?? 0) + 1);
    if (typeof error.outcome === 'number' && error.outcome >= 500) serverErrors++;
    if (errors.length < KEPT_ERRORS) errors.push(error);
    return undefined;
  };
  const start = performance.now();
  const end = start + plan.seconds * 1000;

  const work = async (member: StaffMember, index: number): Promise<void> => {
    const rnd = randomFor(plan.seed, 'reliability-load', index);
    const day = new StaffDay(member, workplace, rnd);
    const send = async (action: ActionName, call: Call): Promise<unknown> => {
      const label = `${call.method} ${call.path.slice(0, 120) || '/'}`;
      const t0 = performance.now();
      try {
        const res = await fetch(`${member.origin}/fhir/R4/${call.path}`, {
          method: call.method,
          headers: {
            accept: 'application/fhir+json',
            authorization: `Bearer ${member.accessToken}`,
            ...(call.body === undefined ? {} : { 'content-type': 'application/fhir+json' }),
          },
          body: call.body === undefined ? undefined : JSON.stringify(call.body),
          signal: AbortSignal.timeout(plan.timeoutMs),
        });
        const text = await res.text();
        const ms = performance.now() - t0;
        if (res.status !== call.expect) return fail({ action, call: label, outcome: res.status, detail: text.slice(0, 300) });
        timeline.push({ action, at: (t0 - start) / 1000, ms });
        return JSON.parse(text) as unknown;
      } catch (err) {
        return fail({ action, call: label, outcome: err instanceof Error ? err.name : 'error', detail: String(err).slice(0, 300) });
      }
    };
    // Staff start within the first think time, not all in the same millisecond.
    await pause(rnd.int(0, plan.thinkMs.max));
    while (performance.now() < end) {
      await day.turn(send);
      await pause(rnd.int(plan.thinkMs.min, plan.thinkMs.max));
    }
  };
  await Promise.all(staff.map(work));

  const seconds = (performance.now() - start) / 1000;
  const latenciesOf = (action?: ActionName): number[] => timeline.flatMap((t) => (action === undefined || t.action === action ? [t.ms] : []));
  const byAction = new Map(actionNames.map((a) => [a, summarize(latenciesOf(a), seconds, failures.get(a) ?? 0)] as const));
  return {
    seconds,
    overall: summarize(latenciesOf(), seconds, errorCount),
    byAction,
    errors,
    errorCount,
    serverErrors,
    timeline,
  };
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
