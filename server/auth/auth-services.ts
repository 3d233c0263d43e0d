import type pg from 'pg';
import type { HiwaConfig } from '../config.js';
import { AccessTokens } from './access-tokens.js';
import type { AuthConfig, DemoConfig } from './auth-config.js';
import { ClientKeySets } from './client-key-sets.js';
import { loadSecretBox, type SecretBox } from './secret-box.js';
import { loadSigningKey, type SigningKey } from './signing-key.js';

/** What the authentication use cases share: the database, the clock, the keys and the settings. */
export interface AuthServices {
  pool: pg.Pool;
  clock: () => Date;
  config: AuthConfig;
  demo: DemoConfig;
  signingKey: SigningKey;
  tokens: AccessTokens;
  /** seals TOTP secrets at rest */
  secrets: SecretBox;
  /** system clients' public keys, inline or fetched from their JWKS URL */
  clientKeys: ClientKeySets;
}

export function createAuthServices(options: { pool: pg.Pool; config: HiwaConfig; clock?: () => Date }): AuthServices {
  const { pool, config } = options;
  const clock = options.clock ?? (() => new Date());
  const signingKey = loadSigningKey({ pem: config.auth.jwtPrivateKeyPem, dataDir: config.dataDir });
  return {
    pool,
    clock,
    config: config.auth,
    demo: config.demo,
    signingKey,
    tokens: new AccessTokens({ key: signingKey, issuer: config.auth.issuer, audience: config.auth.audience, clock }),
    secrets: loadSecretBox({ base64Key: config.auth.totpEncryptionKey, dataDir: config.dataDir }),
    clientKeys: new ClientKeySets(),
  };
}
