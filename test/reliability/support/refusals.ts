import { countStatuses, type Answer } from './answers.js';

/**
 * How the server answered while its database could not serve. A request either succeeded (and must then be
 * stored: the integrity check sees to that) or was refused as transient: 503 with `Retry-After` and an
 * OperationOutcome. Anything else (a 500, no answer, a bare body) is listed.
 */
export interface RefusalSummary {
  answers: number;
  statuses: Record<number, number>;
  /** properly refused: 503 + Retry-After + OperationOutcome */
  refused: number;
  /** the other answers, by distinct form, as `n × kind: status retry-after=… [not an OperationOutcome]` */
  improper: string[];
}

export function summariseRefusals(answers: Answer[]): RefusalSummary {
  let refused = 0;
  const improper = new Map<string, number>();
  for (const a of answers) {
    if (a.status >= 200 && a.status < 300) continue;
    if (a.status === 503 && a.retryAfter && a.outcome) {
      refused++;
      continue;
    }
    const line = `${a.kind}: ${a.status} retry-after=${a.retryAfter ?? 'none'}${a.outcome ? '' : ' not an OperationOutcome'}`;
    improper.set(line, (improper.get(line) ?? 0) + 1);
  }
  return { answers: answers.length, statuses: countStatuses(answers), refused, improper: [...improper].map(([line, n]) => `${n} × ${line}`) };
}
