import express, { type ErrorRequestHandler, type Request } from 'express';
import type { AuthServices } from '../auth/auth-services.js';
import { OAuthError } from '../auth/oauth-error.js';
import { smartConfiguration } from '../auth/smart-configuration.js';
import { issueSystemToken } from '../auth/system-token.js';
import type { Logger } from '../logger.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { DatabaseOutage } from './database-outage.js';
import { recordAuthEvent, type AuthEvent } from '../audit/auth-events.js';
import { systemPrincipalFrom } from '../auth/access-tokens.js';

/** The client id an assertion claims (unverified: only for the audit trail of a refused request). */
function claimedClient(body: unknown): string | undefined {
  const assertion = (body as { client_assertion?: unknown } | undefined)?.client_assertion;
  if (typeof assertion !== 'string') return undefined;
  try {
    const payload = JSON.parse(Buffer.from(assertion.split('.')[1] ?? '', 'base64url').toString('utf8')) as { iss?: unknown };
    return typeof payload.iss === 'string' ? payload.iss.slice(0, 128) : undefined;
  } catch {
    return undefined;
  }
}

/** The token endpoint's own URL: what a client assertion's `aud` must be. */
function tokenEndpointOf(req: Request, baseUrl: string | undefined): string {
  const base = baseUrl ? baseUrl.replace(/\/$/, '') : `${req.protocol}://${req.get('host')}`;
  return `${base}/oauth2/token`;
}

/**
 * SMART Backend Services: the discovery document (at the server root and under the FHIR base, where SMART
 * clients look) and the OAuth 2.0 token endpoint, whose errors take OAuth's `{error, error_description}` shape.
 */
export function oauthRoutes(
  auth: AuthServices,
  options: { baseUrl: string | undefined; logger: Logger; audit: AuditLog; outage: DatabaseOutage },
): express.Router {
  const routes = express.Router();
  routes.get(['/.well-known/smart-configuration', '/fhir/R4/.well-known/smart-configuration'], (req, res) => {
    res.json(smartConfiguration(tokenEndpointOf(req, options.baseUrl)));
  });

  routes.post('/oauth2/token', express.urlencoded({ extended: false, limit: '32kb' }), async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Pragma', 'no-cache');
    if (!req.is('application/x-www-form-urlencoded')) {
      throw new OAuthError('invalid_request', 'The token request must be application/x-www-form-urlencoded');
    }
    const record = (e: AuthEvent) => recordAuthEvent(options.audit, e, auth.clock());
    let issued: Awaited<ReturnType<typeof issueSystemToken>>;
    try {
      issued = await issueSystemToken(auth, req.body, tokenEndpointOf(req, options.baseUrl));
    } catch (err) {
      const description = err instanceof OAuthError ? err.toJSON().error : 'token request failed';
      await record({ subtype: 'token-refused', agent: { kind: 'unauthenticated', claimed: claimedClient(req.body) }, success: false, address: req.ip, description });
      throw err;
    }
    const claims = auth.tokens.verify(issued.access_token);
    const agent = claims?.kind === 'system' ? systemPrincipalFrom(claims) : { kind: 'unauthenticated' as const };
    await record({ subtype: 'token-issued', agent, success: true, address: req.ip, description: issued.scope });
    res.json(issued);
  });

  const oauthErrors: ErrorRequestHandler = (err: unknown, req, res, next) => {
    if (!req.path.startsWith('/oauth2/')) return next(err);
    const unavailable = options.outage.refusal(err);
    if (unavailable) {
      for (const [k, v] of Object.entries(unavailable.headers)) res.setHeader(k, v);
      res.status(503).json({ error: 'temporarily_unavailable', error_description: unavailable.message });
      return;
    }
    let failure: OAuthError;
    if (err instanceof OAuthError) failure = err;
    else if ((err as { type?: string } | undefined)?.type?.startsWith('entity.')) failure = new OAuthError('invalid_request', 'The request body cannot be read');
    else {
      options.logger.error({ err, path: req.path }, 'token request failed');
      res.status(500).json({ error: 'server_error', error_description: 'Internal server error' });
      return;
    }
    res.status(failure.status).json(failure.toJSON());
  };
  routes.use(oauthErrors);
  return routes;
}
