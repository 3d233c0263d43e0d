import { createLocalJWKSet, createRemoteJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import type { SystemClientRow } from '../store/accounts-clients.js';

/** How long a fetched key set is trusted before it is fetched again. */
const CACHE_MAX_AGE_MS = 5 * 60_000;
/** The shortest pause between two fetches of one URL, however many unknown `kid`s arrive. */
const REFETCH_COOLDOWN_MS = 10_000;
const FETCH_TIMEOUT_MS = 5_000;

/**
 * The public keys a system client's assertions are checked against: its inline JWKS, or the key set at its
 * registered JWKS URL. A fetched set is cached briefly, and fetched again (at most every ten seconds) when an
 * assertion names a key it does not hold, so a client that rotates its keys is not locked out. One cache
 * per process; several processes each fetch for themselves.
 */
export class ClientKeySets {
  private readonly remote = new Map<string, JWTVerifyGetKey>();

  constructor(private readonly refetchCooldownMs = REFETCH_COOLDOWN_MS) {}

  for(client: Pick<SystemClientRow, 'jwks' | 'jwksUrl'>): JWTVerifyGetKey {
    if (client.jwksUrl === null) return createLocalJWKSet((client.jwks ?? { keys: [] }) as JSONWebKeySet);
    let keySet = this.remote.get(client.jwksUrl);
    if (!keySet) {
      keySet = createRemoteJWKSet(new URL(client.jwksUrl), {
        cacheMaxAge: CACHE_MAX_AGE_MS,
        cooldownDuration: this.refetchCooldownMs,
        timeoutDuration: FETCH_TIMEOUT_MS,
      });
      this.remote.set(client.jwksUrl, keySet);
    }
    return keySet;
  }
}
