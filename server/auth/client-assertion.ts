import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JSONWebKeySet } from 'jose';
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
 * client's registered JWKS, `iss` = `sub` = client id, `aud` = this token endpoint, `exp` within five
 * minutes, and a `jti` never seen before. Every failure is `invalid_client`, as SMART asks.
 */
export async function authenticateClientAssertion(auth: AuthServices, assertion: string, tokenEndpoint: string): Promise<SystemClientRow> {
  let clientId: unknown;
  let alg: unknown;
  try {
    alg = decodeProtectedHeader(assertion).alg;
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

  const now = auth.clock();
  let exp: number;
  let jti: string;
  try {
    const { payload } = await jwtVerify(assertion, createLocalJWKSet(client.jwks as JSONWebKeySet), {
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
    throw invalidClient(describeVerifyFailure(err));
  }
  if (exp > Math.floor(now.getTime() / 1000) + MAX_ASSERTION_LIFETIME_SECONDS) {
    throw invalidClient(`The client assertion must expire within ${MAX_ASSERTION_LIFETIME_SECONDS} seconds`);
  }
  if (!(await rememberAssertionJti(auth.pool, client.clientId, jti, new Date(exp * 1000), now))) {
    throw invalidClient('The client assertion was already used (jti replay)');
  }
  return client;
}

function describeVerifyFailure(err: unknown): string {
  if (err instanceof errors.JWTExpired) return 'The client assertion has expired';
  if (err instanceof errors.JWTClaimValidationFailed) return `The client assertion's ${err.claim} claim is not acceptable`;
  if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWSSignatureVerificationFailed) {
    return 'The client assertion is not signed by a key registered for this client';
  }
  return 'The client assertion could not be verified';
}
