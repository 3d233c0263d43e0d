import type { RequestHandler, Response } from 'express';
import { notAcceptable } from '../fhir/outcomes.js';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const PLAIN_JSON = 'application/json; charset=utf-8';

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
  if (format !== undefined) return JSON_FORMATS[format.trim().toLowerCase().split(';')[0].trim()];
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
    if (type === '*/*' || type === 'application/*') return FHIR_JSON;
  }
  return undefined;
}

/** Decides the response's media type before anything else runs, so that a refusal is in it too. */
export const contentNegotiation: RequestHandler = (req, res, next) => {
  const format = new URLSearchParams(req.originalUrl.split('?')[1] ?? '').get('_format') ?? undefined;
  const type = negotiateFormat(req.get('accept'), format);
  if (type === undefined) {
    next(notAcceptable(`This server answers in JSON only (application/fhir+json or application/json), not '${format ?? req.get('accept')}'`));
    return;
  }
  res.locals.fhirContentType = type;
  next();
};

/** The media type negotiated for this response (FHIR JSON when negotiation did not run, e.g. an unknown route). */
export function responseContentType(res: Response): string {
  const chosen: unknown = res.locals.fhirContentType;
  return typeof chosen === 'string' ? chosen : FHIR_JSON;
}
