// What a client sent, when, and what came back: the record every check of the suite reads.

/** One answer the server gave (or did not give: `status` 0 when the connection failed or timed out). */
export interface Answer {
  kind: 'create' | 'update' | 'transaction' | 'read';
  status: number;
  at: number;
  retryAfter: string | null;
  /** the body was an OperationOutcome */
  outcome: boolean;
}

/** answers per status, e.g. { 201: 310, 200: 190, 0: 8 }; 0 = no answer */
export function countStatuses(answers: Answer[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const a of answers) counts[a.status] = (counts[a.status] ?? 0) + 1;
  return counts;
}

export function answeredBetween(answers: Answer[], from: number, until: number): Answer[] {
  return answers.filter((a) => a.at >= from && a.at < until);
}
