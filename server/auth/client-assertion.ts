import { decodeJwt, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import { findSystemClient, rememberAssertionJti, type SystemClientRow } from '../store/accounts-clients.js';
import type { AuthServices } from './auth-services.js';
import { OAuthError } from './oauth-error.js';

/** Signing algorithms SMART Backend Services requires servers to support. */
export const assertionAlgorithms = ['RS384', 'ES384'] as const;
/** The longest an assertion may live: `exp` at most this far after now. */
export const MAX_ASSERTION_LIFETIME_SECONDS = 300;

const invalidClient = (why: string): OAuthError => new OAuthError('invalid_client', why);

/**
 * Authenticates a system client by its `private_key_jwt` assertion: signed RS384/ES384 by a key in the
 * client's registered JWKS (inline or at its JWKS URL), `iss` = `sub` = client id, `aud` = this token
 * endpoint, `exp` within five minutes, and a `jti` never seen before. A `jku` header is accepted only when
 * it is the client's registered JWKS URL: keys are never fetched from where an assertion says. Every
 * failure is `invalid_client`, as SMART asks.
 */
export async function authenticateClientAssertion(auth: AuthServices, assertion: string, tokenEndpoint: string): Promise<SystemClientRow> {
  let clientId: unknown;
  let alg: unknown;
  let jku: unknown;
  try {
    ({ alg, jku } = decodeProtectedHeader(assertion));
    clientId = decodeJwt(assertion).iss;
  } catch {
    throw invalidClient('The client assertion is not a JWT');
  }
  if (!assertionAlgorithms.includes(alg as (typeof assertionAlgorithms)[number])) {
    throw invalidClient(`The client assertion must be signed with ${assertionAlgorithms.join(' or ')}`);
  }
  if (typeof clientId !== 'string' || clientId === '') throw invalidClient('The client assertion has no issuer');
  const client = await findSystemClient(auth.pool, clientId);
  if (!client?.active) throw invalidClient('Unknown or inactive client');
  if (jku !== undefined && jku !== client.jwksUrl) {
    throw invalidClient('The jku header of the client assertion is not the JWKS URL registered for this client');
  }

  const now = auth.clock();
  let exp: number;
  let jti: string;
  try {
    const { payload } = await jwtVerify(assertion, auth.clientKeys.for(client), {
      algorithms: [...assertionAlgorithms],
      issuer: client.clientId,
      subject: client.clientId,
      audience: tokenEndpoint,
      currentDate: now,
      requiredClaims: ['exp', 'jti'],
    });
    exp = payload.exp as number; // required above
    jti = payload.jti as string;
  } catch (err) {
    throw invalidClient(describeVerifyFailure(err, client.jwksUrl !== null));
  }
  if (exp > Math.floor(now.getTime() / 1000) + MAX_ASSERTION_LIFETIME_SECONDS) {
    throw invalidClient(`The client assertion must expire within ${MAX_ASSERTION_LIFETIME_SECONDS} seconds`);
  }
  if (!(await rememberAssertionJti(auth.pool, client.clientId, jti, new Date(exp * 1000), now))) {
    throw invalidClient('The client assertion was already used (jti replay)');
  }
  return client;
}

/** `fromUrl`: the keys come from the client's JWKS URL, so an unexplained failure is most likely fetching them. */
function describeVerifyFailure(err: unknown, fromUrl: boolean): string {
  if (err instanceof errors.JWTExpired) return 'The client assertion has expired';
  if (err instanceof errors.JWTClaimValidationFailed) return `The client assertion's ${err.claim} claim is not acceptable`;
  if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWSSignatureVerificationFailed) {
    return 'The client assertion is not signed by a key registered for this client';
  }
  if (fromUrl) return "The client's key set could not be fetched or read from its registered JWKS URL";
  return 'The client assertion could not be verified';
}
