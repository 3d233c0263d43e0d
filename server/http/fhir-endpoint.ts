import express, { type ErrorRequestHandler, type Request, type Response } from 'express';
import type { Repository } from '../store/repository.js';
import { FhirError, badRequest, toFhirError, unsupportedMediaType } from '../fhir/outcomes.js';
import type { FhirRouter } from '../fhir/router.js';
import { writeCollisionRefusal } from '../fhir/write-collision.js';
import { parsePrefer, type FhirRequest, type FhirResponse } from '../fhir/types.js';
import type { Logger } from '../logger.js';
import { ByteBudget, bodyBudget } from './body-budget.js';
import type { DatabaseOutage } from './database-outage.js';
import { csvAsked, responseContentType } from './content-negotiation.js';
import { bodyReadFailure, hasRequestBody, headersOf, jsonParser, knownContentEncoding } from './request-body.js';

export interface FhirEndpointOptions {
  router: FhirRouter;
  /** the repository for this request (later: scoped to the caller, `principalOf(res)` from ./authenticate.js) */
  repositoryFor: (req: Request, res: Response) => Repository;
  maxBodyBytes: number;
  baseUrl?: string;
  logger: Logger;
  outage: DatabaseOutage;
}

// `application/json+fhir` is the FHIR JSON type of earlier FHIR versions, still sent by some clients.
const jsonTypes = ['application/json', 'application/fhir+json', 'application/json+fhir', 'application/json-patch+json'];

/**
 * The one Express adapter of the FHIR layer: HTTP in, FhirRequest to the router, FhirResponse out. The media
 * type is negotiated in front of it (`contentNegotiation`), before the token check.
 */
export function fhirEndpoint(options: FhirEndpointOptions): express.Router {
  const endpoint = express.Router();
  const bodyReading = express.Router();
  bodyReading.use(knownContentEncoding);
  // The bodies this process works on at once add up to at most one body of the largest size allowed.
  bodyReading.use(bodyBudget(new ByteBudget(options.maxBodyBytes)));
  bodyReading.use(jsonParser({ type: jsonTypes, limit: options.maxBodyBytes, strict: false }));
  bodyReading.use(express.urlencoded({ extended: false, limit: options.maxBodyBytes }));
  // Most requests (reads, searches) have no body, and skip all of that.
  endpoint.use((req, res, next) => (hasRequestBody(headersOf(req)) ? bodyReading(req, res, next) : next()));

  endpoint.use(async (req, res, next) => {
    try {
      const response = await options.router(options.repositoryFor(req, res), toFhirRequest(req, options.baseUrl, csvAsked(res)));
      send(res, response, req.method === 'HEAD', responseContentType(res));
    } catch (err) {
      next(err);
    }
  });
  endpoint.use(fhirErrorHandler(options));
  return endpoint;
}

function toFhirRequest(req: Request, configuredBase: string | undefined, csv: boolean): FhirRequest {
  const method = req.method as FhirRequest['method'];
  const contentType = req.get('content-type')?.toLowerCase();
  const hasBody = hasRequestBody(headersOf(req));
  if (hasBody && (method === 'POST' || method === 'PUT' || method === 'PATCH')) {
    const accepted = [...jsonTypes, 'application/x-www-form-urlencoded'];
    if (!contentType || !accepted.some((t) => contentType.startsWith(t))) {
      throw unsupportedMediaType(`Content-Type must be application/fhir+json or application/json, not '${contentType ?? 'none'}'`);
    }
    if (typeof req.body !== 'object' || req.body === null) {
      throw badRequest('The request body must be a JSON object (a resource), or an array of JSON Patch operations');
    }
  }
  let path: string[];
  try {
    path = req.path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    throw badRequest('The URL path is not valid percent-encoding');
  }
  const rawQuery = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
  return {
    method,
    path,
    query: [...new URLSearchParams(rawQuery)] as [string, string][],
    body: hasBody ? req.body : undefined,
    contentType,
    ifMatch: req.get('if-match'),
    ifNoneExist: req.get('if-none-exist'),
    prefer: parsePrefer(req.get('prefer')),
    ...(req.get('accept') ? { accept: req.get('accept') } : {}),
    baseUrl: fhirBaseUrl(req, configuredBase),
    ...(csv ? { csv } : {}),
  };
}

/** The absolute FHIR base of a request under /fhir/R4: the configured public origin's, or the request's own. */
export function fhirBaseUrl(req: Request, configuredBase: string | undefined): string {
  return configuredBase ? `${configuredBase.replace(/\/$/, '')}/fhir/R4` : `${req.protocol}://${req.get('host')}${req.baseUrl}`;
}

function send(res: Response, response: FhirResponse, headOnly: boolean, contentType: string): void {
  res.status(response.status);
  for (const [k, v] of Object.entries(response.headers ?? {})) res.setHeader(k, v);
  if (response.body === undefined) {
    res.end();
    return;
  }
  res.setHeader('Content-Type', response.contentType ?? contentType);
  const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
  if (headOnly) {
    res.setHeader('Content-Length', Buffer.byteLength(text));
    res.end();
  } else {
    res.end(text);
  }
}

/**
 * Every failure as an OperationOutcome; a client's mistake is never a 500, an internal one never says why,
 * and a database out of reach is a 503 the client may retry, logged once per outage by `outage`.
 */
export function fhirErrorHandler({ logger, outage }: { logger: Logger; outage: DatabaseOutage }): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const unavailable = outage.refusal(err);
    const failure = unavailable ?? bodyReadFailure(err, req) ?? writeCollisionRefusal(err) ?? toFhirError(err);
    const where = { method: req.method, path: req.originalUrl.split('?')[0] };
    // A database outage is logged by `outage`, once. Other refusals on purpose (busy, not ready) are worth
    // a line, not a stack trace; only a fault of the server gets the stack.
    if (!unavailable && err instanceof FhirError && failure.status >= 500) {
      logger.warn({ ...where, status: failure.status, reason: err.message }, 'request refused');
    } else if (!unavailable && failure.status >= 500) {
      logger.error({ err, ...where }, 'request failed');
    }
    res.status(failure.status);
    for (const [k, v] of Object.entries(failure.headers)) res.setHeader(k, v);
    res.setHeader('Content-Type', responseContentType(res));
    res.end(JSON.stringify(failure.outcome));
  };
}
