import { isUtf8 } from 'node:buffer';
import express, { type Request, type RequestHandler } from 'express';
import { FhirError, badRequest, issue, outcome, payloadTooLarge, unsupportedMediaType } from '../fhir/outcomes.js';
import { containersMessage, MAX_JSON_CONTAINERS, MAX_JSON_NESTING, nestingMessage, scanJsonText } from '../fhir/validation/json-nesting.js';

/** The compressions a request body may come in; the body parser inflates them, and its limit counts inflated bytes. */
const ACCEPTED_ENCODINGS = new Set(['identity', 'gzip', 'deflate', 'br']);

/** Reads a request header by name (`(name) => req.get(name)`). */
export type HeaderReader = (name: string) => string | undefined;

/** The request's Content-Encoding, lower case; `identity` when there is none. */
export function contentEncodingOf(header: HeaderReader): string {
  return header('content-encoding')?.trim().toLowerCase() || 'identity';
}

export const headersOf =
  (req: Request): HeaderReader =>
  (name) =>
    req.get(name);

/** Whether a request comes with a body: a length above zero, or one sent in chunks. */
export function hasRequestBody(header: HeaderReader): boolean {
  return header('transfer-encoding') !== undefined || Number(header('content-length') ?? 0) > 0;
}

/**
 * 415 for a body in a compression this server does not inflate (or several stacked), before the request
 * waits for room or anything reads it.
 */
export const knownContentEncoding: RequestHandler = (req, _res, next) => {
  const encoding = contentEncodingOf(headersOf(req));
  next(ACCEPTED_ENCODINGS.has(encoding) ? undefined : unsupportedMediaType(`Content-Encoding '${encoding.slice(0, 40)}' is not supported; send gzip, deflate or br, or none`));
};

/**
 * JSON is read as UTF-8 only (RFC 8259 and FHIR require it), and nested at most MAX_JSON_NESTING levels;
 * both are checked on the bytes, after inflating and before parsing, so nothing recursive ever sees a body
 * nested thousands deep. Invalid UTF-8 is refused rather than stored as replacement characters.
 */
function checkJsonBytes(_req: unknown, _res: unknown, bytes: Buffer, charset: string): void {
  if (charset !== 'utf-8') throw unsupportedMediaType(`JSON is read in UTF-8 only, not ${charset.slice(0, 40)}`);
  if (!isUtf8(bytes)) throw badRequest('The request body is not valid UTF-8');
  const problem = scanJsonText(bytes, MAX_JSON_NESTING, MAX_JSON_CONTAINERS);
  if (problem === 'too-deep') throw badRequest(nestingMessage);
  if (problem === 'too-many') throw payloadTooLarge(containersMessage);
}

/**
 * The same for the bodies of `/auth` and `/admin`, whose fields go to PostgreSQL text columns as they are.
 * (FHIR resources are checked element by element, and a NUL in a request path is refused where paths are read.)
 */
function checkPlainJsonBytes(req: unknown, res: unknown, bytes: Buffer, charset: string): void {
  checkJsonBytes(req, res, bytes, charset);
  if (hasNulEscape(bytes)) throw badRequest('The request body contains a NUL character (\\u0000), which no field may hold');
}

/**
 * Whether the JSON text holds the escape `\u0000`: PostgreSQL text cannot store a NUL, and FHIR strings may
 * not contain one. An escape is real when an odd number of backslashes stands before its `u` (`\\u0000` is
 * a backslash followed by the text u0000).
 */
export function hasNulEscape(bytes: Buffer): boolean {
  for (let at = bytes.indexOf('u0000'); at >= 0; at = bytes.indexOf('u0000', at + 1)) {
    let slashes = 0;
    while (at - slashes - 1 >= 0 && bytes[at - slashes - 1] === 0x5c) slashes++;
    if (slashes % 2 === 1) return true;
  }
  return false;
}

/** The JSON body parser every route uses: inflates the accepted encodings, checks the bytes, parses. */
export function jsonParser(options: { limit: number | string; type?: string[]; strict?: boolean }): RequestHandler {
  return express.json({ ...options, verify: checkJsonBytes });
}

/** For routes without a byte budget (`/auth`, `/admin`): refuse unknown encodings, then parse. */
export function jsonBody(options: { limit: number | string }): RequestHandler[] {
  return [knownContentEncoding, express.json({ ...options, verify: checkPlainJsonBytes })];
}

/** What body-parser's errors (http-errors with a `type`) carry. */
interface BodyReadError {
  status?: unknown;
  expose?: unknown;
  type?: unknown;
}

/**
 * The client's mistake behind a body parser error, as an OperationOutcome; undefined when `err` is not
 * one. Errors thrown by `checkJsonBytes` arrive as the FhirErrors they are and are not handled here.
 */
export function bodyReadFailure(err: unknown, req: Request): FhirError | undefined {
  if (err instanceof FhirError || typeof err !== 'object' || err === null) return undefined;
  const { status, expose, type } = err as BodyReadError;
  if (typeof status !== 'number' || expose !== true || status >= 500) return undefined;
  const encoding = contentEncodingOf(headersOf(req));
  switch (type) {
    case 'entity.too.large':
      return payloadTooLarge(`The request body is larger than this server accepts${encoding === 'identity' ? '' : ' once inflated'}`);
    case 'parameters.too.many':
      return payloadTooLarge('The request body has more parameters than this server accepts');
    case 'entity.parse.failed':
      return badRequest('The request body is not valid JSON');
    case 'charset.unsupported':
      return unsupportedMediaType('JSON is read in UTF-8 only');
    case 'request.aborted':
      return badRequest('The request was aborted');
  }
  // An inflating stream's own error (zlib, brotli) comes without a type.
  if (type === undefined && encoding !== 'identity') return badRequest(`The request body is not valid ${encoding} data`);
  return new FhirError(status, outcome(issue('invalid', 'The request body cannot be read')));
}
