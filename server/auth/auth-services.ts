import type pg from 'pg';
import type { HiwaConfig } from '../config.js';
import type { Database } from '../store/database.js';
import { AccessTokens } from './access-tokens.js';
import type { AuthConfig, DemoConfig } from './auth-config.js';
import { ClientKeySets } from './client-key-sets.js';
import { loadSecretBox, type SecretBox } from './secret-box.js';
import { loadSigningKey, type SigningKey } from './signing-key.js';
import { TokenStates } from './token-states.js';

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
  /** accounts' and system clients' token state, remembered while the database's change notices are heard */
  tokenStates: TokenStates;
}

/** The channel the database's triggers announce token-state changes on (migration 011). */
export const TOKEN_STATE_CHANNEL = 'hiwa_token_state';

/**
 * `notices`: the database whose NOTIFYs keep remembered token state right (Database.listen); without it
 * (the admin CLI, one-off scripts) every request looks its caller up.
 */
export function createAuthServices(options: {
  pool: pg.Pool;
  config: HiwaConfig;
  clock?: () => Date;
  notices?: Pick<Database, 'listen'>;
}): AuthServices {
  const { pool, config, notices } = options;
  const tokenStates = new TokenStates();
  // Until the listener is connected nothing is remembered; if it cannot be, nothing ever is.
  if (notices) void tokenStates.listen((handlers) => notices.listen(TOKEN_STATE_CHANNEL, handlers)).catch(() => undefined);
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
    tokenStates,
  };
}
