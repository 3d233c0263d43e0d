import cors from 'cors';
import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type AugmentedRequest, type Options } from 'express-rate-limit';
import helmet from 'helmet';
import { tooManyRequests } from '../fhir/outcomes.js';

/** helmet's security headers; the CSP allows only this origin, which is all the built client needs. */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: { 'connect-src': ["'self'"], 'img-src': ["'self'", 'data:'], 'upgrade-insecure-requests': null },
    },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  });
}

/**
 * CORS for the configured origins only (CORS_ORIGINS); with none configured no CORS headers are sent and
 * browsers keep other sites' scripts out. Tokens travel in the Authorization header, never in cookies.
 */
export function corsAllowlist(origins: string[]): RequestHandler {
  return cors({
    origin: origins.length > 0 ? origins : false,
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
