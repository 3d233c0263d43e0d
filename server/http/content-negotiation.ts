import type { RequestHandler, Response } from 'express';
import { notAcceptable } from '../fhir/outcomes.js';
import { CSV } from '../reports/measure-report-csv.js';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';
export const PLAIN_JSON = 'application/json; charset=utf-8';
// Tables (a MeasureReport) are also served as CSV, by the operations that say they can.
const CSV_FORMATS = new Set(['csv', 'text/csv']);

/** `_format` values (FHIR http.html#mime) and the media type each stands for; anything else is not served. */
const JSON_FORMATS: Readonly<Record<string, string>> = {
  json: FHIR_JSON,
  'application/fhir+json': FHIR_JSON,
  'application/json+fhir': FHIR_JSON,
  'application/json': PLAIN_JSON,
};

/**
 * The media type to answer in, or undefined when the client accepts none Hiwa serves (XML, Turtle, HTML):
 * `_format` first (it overrides Accept, http.html#mime), then the Accept header by its q-values. A client
 * that asks for plain `application/json` gets that label on the same FHIR JSON; no Accept means FHIR JSON.
 */
export function negotiateFormat(accept: string | undefined, format: string | undefined): string | undefined {
  if (format !== undefined) {
    const asked = format.trim().toLowerCase().split(';')[0].trim();
    return CSV_FORMATS.has(asked) ? CSV : JSON_FORMATS[asked];
  }
  if (accept === undefined || accept.trim() === '') return FHIR_JSON;
  const ranges = accept
    .split(',')
    .map((part) => {
      const [type, ...params] = part.split(';').map((p) => p.trim().toLowerCase());
      const q = params.find((p) => p.startsWith('q='));
      return { type, q: q === undefined ? 1 : Number(q.slice(2)) };
    })
    .filter((r) => r.type !== '' && Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { type } of ranges) {
    if (type in JSON_FORMATS) return JSON_FORMATS[type];
    if (CSV_FORMATS.has(type)) return CSV;
    if (type === '*/*' || type === 'application/*') return FHIR_JSON;
  }
  return undefined;
}

/**
 * Decides the response's media type before anything else runs, so that a refusal (the token check's 401
 * too) is in it. A path whose answers have a media type of their own (the Bulk Data status and files) has
 * it set already, and keeps it.
 */
export const contentNegotiation: RequestHandler = (req, res, next) => {
  if (res.locals.fhirContentType !== undefined) {
    next();
    return;
  }
  const format = new URLSearchParams(req.originalUrl.split('?')[1] ?? '').get('_format') ?? undefined;
  const type = negotiateFormat(req.get('accept'), format);
  if (type === undefined) {
    next(notAcceptable(`This server answers in JSON (application/fhir+json or application/json), and tables also in CSV (text/csv), not '${format ?? req.get('accept')}'`));
    return;
  }
  // A CSV answer is the operation's to give (the router refuses it elsewhere); refusals stay FHIR JSON.
  res.locals.fhirContentType = type === CSV ? FHIR_JSON : type;
  res.locals.csvAsked = type === CSV;
  next();
};

/** Whether the client asked for CSV (`_format=csv` or `Accept: text/csv`). */
export function csvAsked(res: Response): boolean {
  return res.locals.csvAsked === true;
}

/** The media type negotiated for this response (FHIR JSON when negotiation did not run, e.g. an unknown route). */
export function responseContentType(res: Response): string {
  const chosen: unknown = res.locals.fhirContentType;
  return typeof chosen === 'string' ? chosen : FHIR_JSON;
}
