import express from 'express';
import { z } from 'zod';
import type { AuthServices } from '../auth/auth-services.js';
import { describePrincipal } from '../auth/describe-principal.js';
import { login } from '../auth/login.js';
import { parseInput } from '../auth/parse-input.js';
import { endSession, refreshSession } from '../auth/sessions.js';
import { beginTotpEnrolment, confirmTotpEnrolment } from '../auth/totp-enrolment.js';
import type { Repository } from '../store/repository.js';
import type { UnauthenticatedAgent } from '../audit/audit-event.js';
import type { AuditLog } from '../audit/audit-log.js';
import { recordAuthEvent, type AuthEvent } from '../audit/auth-events.js';
import { staffPrincipalFrom } from '../auth/access-tokens.js';
import type { Principal } from '../auth/principal.js';
import type { TokenPair } from '../auth/sessions.js';
import { FhirError } from '../fhir/outcomes.js';
import { jsonBody } from './request-body.js';
import { authenticate, principalOf, staffPrincipalOf } from './authenticate.js';

const loginBody = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(256),
  totp: z.string().trim().max(10).optional(),
});
const refreshBody = z.object({ refresh_token: z.string().min(1).max(200) });
const totpCodeBody = z.object({ code: z.string().trim().min(1).max(10) });

/** Human login and sessions: `/auth/login`, `/auth/refresh`, `/auth/logout`, `/auth/me`, `/auth/totp/*`. */
export function authRoutes(auth: AuthServices, repository: () => Repository, audit: AuditLog): express.Router {
  const routes = express.Router();
  routes.use(...jsonBody({ limit: '8kb' }));
  routes.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store'); // tokens must not sit in any cache
    next();
  });

  const record = (e: AuthEvent) => recordAuthEvent(audit, e, auth.clock());
  /** The staff member a freshly issued pair belongs to, for the audit trail. */
  const holderOf = (pair: TokenPair): Principal | UnauthenticatedAgent => {
    const claims = auth.tokens.verify(pair.access_token);
    return claims?.kind === 'staff' ? staffPrincipalFrom(claims) : { kind: 'unauthenticated' };
  };

  routes.post('/login', async (req, res) => {
    const body = parseInput(loginBody, req.body);
    const address = req.ip;
    let pair: TokenPair;
    try {
      pair = await login(auth, { ...body, address: address ?? 'unknown' });
    } catch (err) {
      const description = err instanceof FhirError ? err.message : 'login failed';
      await record({ subtype: 'login-failed', agent: { kind: 'unauthenticated', claimed: body.username }, success: false, address, description });
      throw err;
    }
    await record({ subtype: 'login', agent: holderOf(pair), success: true, address });
    res.json(pair);
  });

  routes.post('/refresh', async (req, res) => {
    let pair: TokenPair;
    try {
      pair = await refreshSession(auth, parseInput(refreshBody, req.body).refresh_token);
    } catch (err) {
      await record({ subtype: 'token-refused', agent: { kind: 'unauthenticated' }, success: false, address: req.ip, description: 'refresh refused' });
      throw err;
    }
    await record({ subtype: 'token-issued', agent: holderOf(pair), success: true, address: req.ip, description: 'refresh' });
    res.json(pair);
  });

  routes.post('/logout', async (req, res) => {
    await endSession(auth, parseInput(refreshBody, req.body).refresh_token);
    await record({ subtype: 'logout', agent: { kind: 'unauthenticated' }, success: true, address: req.ip });
    res.status(204).end();
  });

  routes.get('/me', authenticate(auth), async (_req, res) => {
    res.json(await describePrincipal(auth, repository(), principalOf(res)));
  });

  routes.post('/totp/enrol', authenticate(auth), async (_req, res) => {
    res.json(await beginTotpEnrolment(auth, staffPrincipalOf(res).userId));
  });

  routes.post('/totp/verify', authenticate(auth), async (req, res) => {
    await confirmTotpEnrolment(auth, staffPrincipalOf(res).userId, parseInput(totpCodeBody, req.body).code);
    res.status(204).end();
  });
  return routes;
}
