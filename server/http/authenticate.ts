import type { RequestHandler, Response } from 'express';
import { staffPrincipalFrom, systemPrincipalFrom } from '../auth/access-tokens.js';
import type { AuthServices } from '../auth/auth-services.js';
import { accountState, clientActive } from '../auth/caller-state.js';
import type { AuditLog } from '../audit/audit-log.js';
import { recordAuthEvent } from '../audit/auth-events.js';
import type { Principal, StaffPrincipal, StaffRole } from '../auth/principal.js';
import { FhirError, forbidden, issue, outcome } from '../fhir/outcomes.js';

// Express types `res.locals` through its global namespace; this is how the principal gets a type there.
declare global {
  namespace Express {
    interface Locals {
      /** set by `authenticate`; read it with `principalOf(res)` */
      principal?: Principal;
    }
  }
}

const challenge = (message: string, error?: 'invalid_token'): FhirError =>
  new FhirError(401, outcome(issue('login', message)), {
    'WWW-Authenticate': error ? `Bearer realm="hiwa", error="${error}"` : 'Bearer realm="hiwa"',
  });

/**
 * Sets the caller's Principal from `Authorization: Bearer <access token>`, or answers 401 with an
 * OperationOutcome and `WWW-Authenticate`. Besides the signature and lifetime, every request checks the
 * account (active, token generation) or system client (active): remembered per process and forgotten when
 * the database announces a change (TokenStates), so a deactivation holds in every API process once it
 * has answered.
 */
export function authenticate(auth: AuthServices, audit?: AuditLog): RequestHandler {
  return async (req, res, next) => {
    try {
      const header = req.get('authorization');
      const match = header ? /^Bearer\s+([A-Za-z0-9._~+/-]+=*)\s*$/i.exec(header) : null;
      if (!match?.[1]) throw challenge('Authentication required');
      const claims = auth.tokens.verify(match[1]);
      if (!claims) throw challenge('The access token is invalid or expired', 'invalid_token');
      if (claims.kind === 'staff') {
        const state = await accountState(auth, claims.sub);
        if (!state?.active || state.tokenGeneration !== claims.gen) throw challenge('The access token has been revoked', 'invalid_token');
        res.locals.principal = staffPrincipalFrom(claims);
      } else {
        if (!(await clientActive(auth, claims.sub))) throw challenge('The access token has been revoked', 'invalid_token');
        res.locals.principal = systemPrincipalFrom(claims);
      }
      next();
    } catch (err) {
      // A request refused for want of a valid token is an access denial: it goes in the trail too.
      if (audit && err instanceof FhirError && err.status === 401) {
        const event = { subtype: 'access-denied' as const, agent: { kind: 'unauthenticated' as const }, success: false, address: req.ip };
        await recordAuthEvent(audit, { ...event, description: `${req.method} ${req.originalUrl.split('?')[0]}: ${err.message}` }, auth.clock()).catch(() => undefined);
      }
      next(err);
    }
  };
}

/** The authenticated caller of this request; a route mounted without `authenticate` gets a 401. */
export function principalOf(res: Response): Principal {
  const principal = res.locals.principal;
  if (!principal) throw challenge('Authentication required');
  return principal;
}

/** The caller, who must be a staff member (not a system client). */
export function staffPrincipalOf(res: Response): StaffPrincipal {
  const principal = principalOf(res);
  if (principal.kind !== 'staff') throw forbidden('This endpoint is for staff accounts');
  return principal;
}

/** Lets only staff with one of `roles` through (mount after `authenticate`). */
export function requireStaffRole(...roles: StaffRole[]): RequestHandler {
  return (_req, res, next) => {
    const principal = staffPrincipalOf(res);
    next(roles.includes(principal.role) ? undefined : forbidden(`This endpoint is for the ${roles.join(', ')} role`));
  };
}
