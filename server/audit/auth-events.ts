import type { Principal } from '../auth/principal.js';
import { auditOrganization, buildAuditEvent, type AuditAction, type AuditSubtype, type UnauthenticatedAgent } from './audit-event.js';
import type { AuditLog } from './audit-log.js';

export interface AuthEvent {
  subtype: Extract<AuditSubtype, 'login' | 'login-failed' | 'logout' | 'token-issued' | 'token-refused' | 'access-denied' | 'operation'>;
  /** E by default; the admin API's changes say C or U */
  action?: AuditAction;
  /** what an admin action touched, as `Type/id` */
  resources?: string[];
  agent: Principal | UnauthenticatedAgent;
  success: boolean;
  address?: string;
  description?: string;
}

/**
 * Records an authentication event: logins (and failed ones), refreshes, logouts, system tokens issued or
 * refused, requests refused for want of a valid token, and the admin API's changes. Stored before the
 * answer leaves, like reads.
 */
export function recordAuthEvent(log: AuditLog, e: AuthEvent, now: Date): Promise<void> {
  const event = buildAuditEvent({
    principal: e.agent,
    subtype: e.subtype,
    action: e.action ?? 'E',
    resources: e.resources,
    outcome: e.success ? '0' : '4',
    outcomeDescription: e.description,
    recorded: now.toISOString(),
    sourceAddress: e.address,
  });
  return log.record({ event, organizationId: auditOrganization(e.agent) });
}
