import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';

/**
 * The one error vocabulary of Hiwa: every failure that reaches a client is an OperationOutcome, and the HTTP
 * status travels with it. Handlers throw these; one Express error handler turns them into responses.
 */
export class FhirError extends Error {
  constructor(
    readonly status: number,
    readonly outcome: OperationOutcome,
    readonly headers: Record<string, string> = {},
  ) {
    super(outcome.issue?.[0]?.diagnostics ?? 'FHIR error');
    this.name = 'FhirError';
  }
}

type IssueCode = OperationOutcomeIssue['code'];

export function issue(code: IssueCode, diagnostics: string, expression?: string | string[]): OperationOutcomeIssue {
  const exp = expression === undefined ? undefined : Array.isArray(expression) ? expression : [expression];
  return {
    severity: code === 'informational' ? 'information' : 'error',
    code,
    diagnostics,
    ...(exp && exp.length > 0 ? { expression: exp } : {}),
  };
}

export function outcome(...issues: OperationOutcomeIssue[]): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: issues };
}

export function informational(diagnostics: string): OperationOutcome {
  return outcome({ severity: 'information', code: 'informational', diagnostics });
}

function fail(status: number, code: IssueCode, message: string, expression?: string | string[]): FhirError {
  return new FhirError(status, outcome(issue(code, message, expression)));
}

export const badRequest = (message: string, expression?: string | string[]): FhirError =>
  fail(400, 'invalid', message, expression);
export const unauthorized = (message = 'Authentication required'): FhirError =>
  new FhirError(401, outcome(issue('login', message)), { 'WWW-Authenticate': 'Bearer' });
export const forbidden = (message = 'Forbidden'): FhirError => fail(403, 'forbidden', message);
export const notFound = (message: string): FhirError => fail(404, 'not-found', message);
export const notSupported = (message: string, expression?: string): FhirError =>
  fail(404, 'not-supported', message, expression);
export const methodNotAllowed = (message: string): FhirError => fail(405, 'not-supported', message);
export const conflict = (message: string, expression?: string): FhirError => fail(409, 'conflict', message, expression);
export const gone = (message: string): FhirError => fail(410, 'deleted', message);
export const preconditionFailed = (message: string, expression?: string): FhirError =>
  fail(412, 'conflict', message, expression);
export const payloadTooLarge = (message: string, expression?: string): FhirError =>
  fail(413, 'too-costly', message, expression);
export const unsupportedMediaType = (message: string): FhirError => fail(415, 'not-supported', message);
export const unprocessable = (issues: OperationOutcomeIssue[]): FhirError => new FhirError(422, outcome(...issues));
/** A refusal the client should simply retry later: the server is busy, or its database is out of reach for now. */
export const serviceUnavailable = (message: string, retryAfterSeconds: number): FhirError =>
  new FhirError(503, outcome(issue('transient', message)), { 'Retry-After': String(retryAfterSeconds) });
export const tooManyRequests = (message: string, retryAfterSeconds: number): FhirError =>
  new FhirError(429, outcome(issue('throttled', message)), { 'Retry-After': String(retryAfterSeconds) });

/** Any thrown value as a FhirError; unknown errors become a 500 that says nothing about internals. */
export function toFhirError(err: unknown): FhirError {
  if (err instanceof FhirError) {
    return err;
  }
  return new FhirError(500, outcome(issue('exception', 'Internal server error')));
}
