import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

export type AssertionAlgorithm = 'RS384' | 'ES384';

export interface ClientKey {
  alg: AssertionAlgorithm;
  kid: string;
  privateKey: CryptoKey;
  /** the public half, as registered in the client's JWKS */
  publicJwk: JWK & { kty: 'RSA' | 'EC'; alg: AssertionAlgorithm };
}

/** A fresh key pair for a SMART Backend Services client, made in the test. */
export async function newClientKey(alg: AssertionAlgorithm): Promise<ClientKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  const kid = randomUUID();
  const jwk = await exportJWK(publicKey);
  return { alg, kid, privateKey, publicJwk: { ...jwk, kty: alg === 'RS384' ? 'RSA' : 'EC', kid, alg } };
}

export interface AssertionOptions {
  clientId: string;
  tokenEndpoint: string;
  key: ClientKey;
  /** seconds from now; default 240 */
  expiresIn?: number;
  jti?: string;
  iss?: string;
  sub?: string;
  aud?: string;
  /** a `jku` header: where the assertion claims its key set lives */
  jku?: string;
}

/** A signed `private_key_jwt` client assertion, as SMART Backend Services describes it. */
export function clientAssertion(o: AssertionOptions): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: o.key.alg, kid: o.key.kid, typ: 'JWT', ...(o.jku !== undefined ? { jku: o.jku } : {}) })
    .setIssuer(o.iss ?? o.clientId)
    .setSubject(o.sub ?? o.clientId)
    .setAudience(o.aud ?? o.tokenEndpoint)
    .setExpirationTime(now + (o.expiresIn ?? 240))
    .setJti(o.jti ?? randomUUID())
    .sign(o.key.privateKey);
}

export interface TokenResult {
  status: number;
  body: Record<string, unknown>;
}

/** POST to the token endpoint, form-encoded. */
export async function requestToken(tokenEndpoint: string, form: Record<string, string>): Promise<TokenResult> {
  const res = await fetch(tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** The whole client_credentials request for `scope`, with a fresh assertion. */
export async function clientCredentials(o: AssertionOptions & { scope: string }): Promise<TokenResult> {
  return requestToken(o.tokenEndpoint, {
    grant_type: 'client_credentials',
    scope: o.scope,
    client_assertion_type: JWT_BEARER,
    client_assertion: await clientAssertion(o),
  });
}
