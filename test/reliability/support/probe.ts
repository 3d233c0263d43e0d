import type { Answer } from './answers.js';

/**
 * Reads the server every `everyMs` until stopped, as a person's screen would: a search, and `/healthz`.
 * Answers are recorded like the writers' (status 0 = no answer within 10 s).
 */
export async function probeReads(
  origin: string,
  token: string,
  stopped: () => boolean,
  everyMs: number,
): Promise<{ reads: Answer[]; health: Answer[] }> {
  const reads: Answer[] = [];
  const health: Answer[] = [];
  while (!stopped()) {
    await Promise.all([
      get(`${origin}/fhir/R4/Patient?_count=5`, token).then((a) => reads.push(a)),
      get(`${origin}/healthz`, undefined).then((a) => health.push(a)),
    ]);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return { reads, health };
}

async function get(url: string, token: string | undefined): Promise<Answer> {
  const at = Date.now();
  try {
    const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(10_000) });
    const body = (await res.json().catch(() => undefined)) as { resourceType?: string } | undefined;
    return { kind: 'read', status: res.status, at, retryAfter: res.headers.get('retry-after'), outcome: body?.resourceType === 'OperationOutcome' };
  } catch {
    return { kind: 'read', status: 0, at, retryAfter: null, outcome: false };
  }
}
