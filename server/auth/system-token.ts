import { z } from 'zod';
import { isResourceType } from '../fhir/definitions.js';
import type { AuthServices } from './auth-services.js';
import { authenticateClientAssertion } from './client-assertion.js';
import { OAuthError } from './oauth-error.js';
import type { SystemPrincipal } from './principal.js';
import { grantScopes, parseScopes } from './smart-scopes.js';

export const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

const tokenRequest = z.object({
  grant_type: z.string(),
  // Checked after the client is authenticated, so that a missing scope is answered invalid_scope.
  scope: z.string().trim().max(4096).optional(),
  client_assertion_type: z.string(),
  client_assertion: z.string().min(1).max(16_384),
});

export interface SystemTokenResponse {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  scope: string;
}

/** The client_credentials grant of SMART Backend Services: an authenticated client gets a short-lived token. */
export async function issueSystemToken(auth: AuthServices, form: unknown, tokenEndpoint: string): Promise<SystemTokenResponse> {
  const parsed = tokenRequest.safeParse(form);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') ?? 'request';
    throw new OAuthError('invalid_request', `Missing or invalid parameter: ${field}`);
  }
  const request = parsed.data;
  if (request.grant_type !== 'client_credentials') {
    throw new OAuthError('unsupported_grant_type', 'Only grant_type=client_credentials is supported');
  }
  if (request.client_assertion_type !== JWT_BEARER_ASSERTION) {
    throw new OAuthError('invalid_request', `client_assertion_type must be ${JWT_BEARER_ASSERTION}`);
  }
  const client = await authenticateClientAssertion(auth, request.client_assertion, tokenEndpoint);
  const scopes = grantScopes(requireScopes(request.scope), client.allowedScopes);
  if (scopes.length === 0) {
    throw new OAuthError('invalid_scope', 'None of the requested scopes is allowed for this client (scopes narrowed by a query are not granted)');
  }

  const principal: SystemPrincipal = {
    kind: 'system',
    clientId: client.clientId,
    scopes,
    ...(client.organizationId ? { organizationId: client.organizationId } : {}),
    ...(client.fullAccess ? { fullAccess: true } : {}),
  };
  const issued = auth.tokens.issueSystem(principal, auth.config.systemTokenTtlSeconds);
  return { access_token: issued.token, token_type: 'bearer', expires_in: issued.expiresIn, scope: scopes.join(' ') };
}

/** The requested scope string, refused when it is empty or names a resource type FHIR R4 does not have. */
function requireScopes(scope: string | undefined): string {
  if (!scope) throw new OAuthError('invalid_scope', 'The scope parameter is required, e.g. scope=system/*.rs');
  const unknown = parseScopes(scope).find((s) => s.resourceType !== '*' && !isResourceType(s.resourceType));
  if (unknown) throw new OAuthError('invalid_scope', `The scope names an unknown resource type: ${unknown.resourceType}`);
  return scope;
}
