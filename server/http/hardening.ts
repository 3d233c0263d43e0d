import cors from 'cors';
import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type AugmentedRequest, type Options } from 'express-rate-limit';
import helmet from 'helmet';
import { tooManyRequests } from '../fhir/outcomes.js';

/**
 * helmet's security headers; the CSP allows only this origin, which is all the built client needs. None
 * of them depends on the request, so helmet runs once, here, and every response gets what it set: one
 * middleware on each request instead of helmet's dozen.
 */
export function securityHeaders(): RequestHandler {
  const { set, removed } = headersSetBy(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: { 'connect-src': ["'self'"], 'img-src': ["'self'", 'data:'], 'upgrade-insecure-requests': null },
      },
      strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    }),
  );
  return (_req, res, next) => {
    for (const [name, value] of set) res.setHeader(name, value);
    for (const name of removed) res.removeHeader(name);
    next();
  };
}

/**
 * The headers a middleware sets and removes, found by running it once on a response that only records
 * them. One that reads the request, does anything else to the response, or does not finish at once is
 * refused here, at start-up, rather than answering every request wrongly.
 */
export function headersSetBy(middleware: RequestHandler): { set: [string, string][]; removed: string[] } {
  const set: [string, string][] = [];
  const removed: string[] = [];
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      if (typeof value !== 'string') throw new Error(`header ${name}: only text values can be replayed`);
      set.push([name, value]);
    },
    removeHeader: (name: string) => void removed.push(name),
  };
  const request = new Proxy(
    {},
    {
      get: (_target, key) => {
        throw new Error(`the middleware reads the request (${String(key)})`);
      },
    },
  );
  let finished = false;
  // The recorder and the request stand in for Express's objects: the middleware may touch only what they have.
  middleware(request as Parameters<RequestHandler>[0], recorder as unknown as Parameters<RequestHandler>[1], (err?: unknown) => {
    if (err) throw err instanceof Error ? err : new Error(String(err));
    finished = true;
  });
  if (!finished) throw new Error('the middleware did not pass the request on at once');
  return { set, removed };
}

/**
 * CORS for the configured origins only (CORS_ORIGINS); with none configured no CORS headers are sent and
 * browsers keep other sites' scripts out (undefined: nothing to mount). Tokens travel in the Authorization
 * header, never in cookies.
 */
export function corsAllowlist(origins: string[]): RequestHandler | undefined {
  if (origins.length === 0) return undefined;
  return cors({
    origin: origins,
    credentials: false,
    allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'If-None-Exist', 'If-None-Match', 'Prefer', 'Accept'],
    exposedHeaders: ['Location', 'ETag', 'Last-Modified', 'Content-Location', 'Retry-After', 'X-Progress'],
    maxAge: 600,
  });
}

/** Over the limit → 429 OperationOutcome with Retry-After, through the one error handler. */
const throttled: Options['handler'] = (req, _res, next, options) => {
  const resetTime = (req as AugmentedRequest).rateLimit?.resetTime;
  const seconds = resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : Math.ceil(options.windowMs / 1000);
  next(tooManyRequests('Too many requests; slow down', seconds));
};

/**
 * Requests per minute per access token (per principal), for the API behind `authenticate`; requests
 * without a principal (public metadata) count per address. The count is kept in this process.
 */
export function perTokenRateLimit(limitPerMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: limitPerMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req, res) => {
      const principal = res.locals.principal;
      if (principal?.kind === 'staff') return `staff:${principal.userId}`;
      if (principal?.kind === 'system') return `system:${principal.clientId}`;
      return `address:${ipKeyGenerator(req.ip ?? 'unknown')}`;
    },
    handler: throttled,
  });
}

/** Requests per minute per address, for the unauthenticated doors (/auth, /oauth2, /admin). */
export function perAddressRateLimit(limitPerMinute: number): RequestHandler {
  return rateLimit({ windowMs: 60_000, limit: limitPerMinute, standardHeaders: 'draft-7', legacyHeaders: false, handler: throttled });
}
