import type { RawRequest } from './raw-http.js';

/** What the attacker (a caseworker of organisation A) knows and holds. */
export interface Attack {
  /** the caseworker's valid access token */
  token: string;
  /** patients of organisation A the caseworker reaches */
  ownPatientIds: readonly string[];
  /** `Type/id` of every clinical record of organisation B (never to be seen) */
  foreignRefs: readonly string[];
  /** the word in organisation B's names and notes */
  marker: string;
}

/** One generated request, and what it is for the report. */
export interface HostileRequest extends RawRequest {
  /** short description for failure messages */
  label: string;
  /** a request whose body is refused while it is still being sent may see its connection cut before the answer */
  mayGoUnanswered?: boolean;
}

export const FHIR = '/fhir/R4';

export const bearer = (attack: Attack): [string, string] => ['Authorization', `Bearer ${attack.token}`];

/** A request with a JSON-ish body as the caseworker, Content-Type application/fhir+json unless given. */
export function withBody(attack: Attack, method: string, path: string, body: Buffer | string, label: string, contentType = 'application/fhir+json'): HostileRequest {
  return {
    method,
    target: `${FHIR}/${path}`,
    headers: [bearer(attack), ['Content-Type', contentType]],
    body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
    label,
  };
}

/**
 * Percent-encodes the UTF-8 bytes of any string, lone surrogates included (as U+FFFD, which
 * encodeURIComponent refuses to encode at all).
 */
export function percentEncode(value: string): string {
  return [...Buffer.from(value, 'utf8')].map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

/** Short, printable form of a value for labels. */
export const show = (value: string, max = 80): string => JSON.stringify(value.length > max ? `${value.slice(0, max)}…(${value.length})` : value);
