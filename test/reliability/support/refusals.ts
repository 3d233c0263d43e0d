import { countStatuses, type Answer } from './answers.js';

/**
 * How the server answered while its database could not serve: each answer should be a 503 (transient, come
 * back later) with `Retry-After` and an OperationOutcome; anything else (a 500, a hang, a bare body) is listed.
 */
export interface RefusalSummary {
  answers: number;
  statuses: Record<number, number>;
  /** answers that were not 503 + Retry-After + OperationOutcome, as `status retry-after outcome?` */
  improper: string[];
}

export function summariseRefusals(answers: Answer[]): RefusalSummary {
  const improper: string[] = [];
  for (const a of answers) {
    if (a.status !== 503 || !a.retryAfter || !a.outcome) {
      improper.push(`${a.kind}: ${a.status} retry-after=${a.retryAfter ?? 'none'}${a.outcome ? '' : ' not an OperationOutcome'}`);
    }
  }
  // The same fault repeats for every request: its distinct forms, counted, say it all.
  const counted = new Map<string, number>();
  for (const line of improper) counted.set(line, (counted.get(line) ?? 0) + 1);
  return { answers: answers.length, statuses: countStatuses(answers), improper: [...counted].map(([line, n]) => `${n} × ${line}`) };
}
