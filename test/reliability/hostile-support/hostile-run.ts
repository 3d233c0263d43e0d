import fc from 'fast-check';
import type { HostileRequest } from './attack.js';
import { foreignDataIn } from './leak-check.js';
import { sendRaw } from './raw-http.js';

/** A request that broke a rule, as the report shows it. */
export interface Violation {
  label: string;
  what: string;
}

export interface CategoryResult {
  requests: number;
  seconds: number;
  /** set when the server stopped answering and the rest of the kind was not sent */
  gaveUp?: string;
  /** answers by status class: '2xx', '4xx', '5xx', 'none' */
  byClass: Record<string, number>;
  serverErrors: number;
  unanswered: number;
  leaks: number;
  /** the first violations of each kind */
  examples: Violation[];
}

export interface SendPlan {
  origin: string;
  count: number;
  seed: number;
  /** requests in flight at once */
  concurrency: number;
  timeoutMs: number;
  foreignRefs: ReadonlySet<string>;
  marker: string;
}

const SAMPLE_CHUNK = 50;
const KEPT_EXAMPLES = 8;
/** timeouts in a row after which the server is taken to be stuck: the rest would only wait out theirs */
const GIVE_UP_AFTER_TIMEOUTS = 2;

/**
 * Generates `count` requests from `arbitrary` (fast-check, seeded: the same seed gives the same requests),
 * a chunk at a time so that large bodies never pile up in memory, sends them `concurrency` at a time and
 * judges every answer: a status below 500, given at all (unless the request may go unanswered), and
 * nothing of the other organisation in it.
 */
export async function sendGenerated(arbitrary: fc.Arbitrary<HostileRequest>, plan: SendPlan): Promise<CategoryResult> {
  const result: CategoryResult = { requests: 0, seconds: 0, byClass: {}, serverErrors: 0, unanswered: 0, leaks: 0, examples: [] };
  const note = (label: string, what: string): void => {
    if (result.examples.length < KEPT_EXAMPLES) result.examples.push({ label, what });
  };
  const start = performance.now();
  let timeoutsInARow = 0;
  for (let from = 0; from < plan.count && result.gaveUp === undefined; from += SAMPLE_CHUNK) {
    const chunk = fc.sample(arbitrary, { seed: plan.seed + from, numRuns: Math.min(SAMPLE_CHUNK, plan.count - from) });
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < chunk.length && result.gaveUp === undefined) {
        const request = chunk[next++];
        const answer = await sendRaw(plan.origin, request, plan.timeoutMs);
        result.requests++;
        timeoutsInARow = answer.timedOut ? timeoutsInARow + 1 : 0;
        if (timeoutsInARow >= GIVE_UP_AFTER_TIMEOUTS) result.gaveUp = `${timeoutsInARow} requests in a row unanswered after ${plan.timeoutMs} ms`;
        const cls = answer.status === undefined ? 'none' : `${Math.floor(answer.status / 100)}xx`;
        result.byClass[cls] = (result.byClass[cls] ?? 0) + 1;
        if (answer.status !== undefined && answer.status >= 500) {
          result.serverErrors++;
          note(request.label, `${answer.status} ${answer.body.toString('utf8').slice(0, 200)}`);
        } else if (answer.status === undefined && !request.mayGoUnanswered) {
          result.unanswered++;
          note(request.label, `no answer: ${answer.error ?? 'connection closed'}`);
        }
        const requestText = `${request.target}\n${request.headers.map(([k, v]) => `${k}: ${v}`).join('\n')}\n${request.body?.toString('utf8') ?? ''}`;
        const leaked = foreignDataIn(answer.body, requestText, plan.foreignRefs, plan.marker);
        if (leaked.length > 0) {
          result.leaks++;
          note(request.label, `${answer.status} showed ${leaked.join(', ')}`);
        }
      }
    };
    await Promise.all(Array.from({ length: plan.concurrency }, worker));
  }
  result.seconds = (performance.now() - start) / 1000;
  return result;
}
