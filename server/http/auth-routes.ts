import express from 'express';
import { z } from 'zod';
import type { AuthServices } from '../auth/auth-services.js';
import { describePrincipal } from '../auth/describe-principal.js';
import { login } from '../auth/login.js';
import { parseInput } from '../auth/parse-input.js';
import { endSession, refreshSession } from '../auth/sessions.js';
import { beginTotpEnrolment, confirmTotpEnrolment } from '../auth/totp-enrolment.js';
import type { Repository } from '../store/repository.js';
import { authenticate, principalOf, staffPrincipalOf } from './authenticate.js';

const loginBody = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(256),
  totp: z.string().trim().max(10).optional(),
});
const refreshBody = z.object({ refresh_token: z.string().min(1).max(200) });
const totpCodeBody = z.object({ code: z.string().trim().min(1).max(10) });

/** Human login and sessions: `/auth/login`, `/auth/refresh`, `/auth/logout`, `/auth/me`, `/auth/totp/*`. */
export function authRoutes(auth: AuthServices, repository: () => Repository): express.Router {
  const routes = express.Router();
  routes.use(express.json({ limit: '8kb' }));
  routes.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store'); // tokens must not sit in any cache
    next();
  });

  routes.post('/login', async (req, res) => {
    const body = parseInput(loginBody, req.body);
    res.json(await login(auth, { ...body, address: req.ip ?? 'unknown' }));
  });

  routes.post('/refresh', async (req, res) => {
    res.json(await refreshSession(auth, parseInput(refreshBody, req.body).refresh_token));
  });

  routes.post('/logout', async (req, res) => {
    await endSession(auth, parseInput(refreshBody, req.body).refresh_token);
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
