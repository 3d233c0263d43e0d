import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';

/**
 * A refused or failed request. The server always answers errors with an OperationOutcome (admin, auth and
 * FHIR alike), so the outcome travels with the error for forms to show each issue at its field.
 * Status 0 means the server was not reached at all.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly outcome: OperationOutcome | undefined,
    /** from Retry-After on a 429 */
    readonly retryAfterSeconds?: number,
  ) {
    super(outcomeMessage(outcome) ?? (status === 0 ? 'The server could not be reached' : `HTTP ${status}`));
    this.name = 'ApiError';
  }

  get issues(): OperationOutcomeIssue[] {
    return this.outcome?.issue ?? [];
  }
}

export function issueMessage(issue: OperationOutcomeIssue): string {
  return issue.diagnostics ?? issue.details?.text ?? issue.code;
}

function outcomeMessage(outcome: OperationOutcome | undefined): string | undefined {
  const messages = (outcome?.issue ?? []).map(issueMessage);
  return messages.length > 0 ? messages.join(' ') : undefined;
}

/** The ApiError a non-2xx response stands for; a body that is not an OperationOutcome still yields one. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  let outcome: OperationOutcome | undefined;
  try {
    const body: unknown = await response.json();
    if (isOperationOutcome(body)) outcome = body;
  } catch {
    // not JSON (a proxy's error page): the status alone says what happened
  }
  const retryAfter = Number(response.headers.get('Retry-After'));
  return new ApiError(response.status, outcome, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
}

function isOperationOutcome(body: unknown): body is OperationOutcome {
  return typeof body === 'object' && body !== null && (body as { resourceType?: unknown }).resourceType === 'OperationOutcome';
}

/** fetch, with a network failure turned into an ApiError of status 0 so callers handle one error type. */
export async function fetchOrFail(input: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(input, init);
  } catch {
    throw new ApiError(0, undefined);
  }
}
