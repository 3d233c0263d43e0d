import { createPrivateKey, createPublicKey, generateKeyPairSync, createHash, type KeyObject } from 'node:crypto';
import { loadOrCreateKeyFile } from './key-files.js';

export type AccessTokenAlgorithm = 'RS256' | 'ES256' | 'ES384';

/** The key pair that signs and verifies access tokens, with the one algorithm verification accepts. */
export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  algorithm: AccessTokenAlgorithm;
  /** a stable id derived from the public key, sent as the token's `kid` */
  keyId: string;
}

/**
 * The configured PEM (JWT_PRIVATE_KEY), else one generated at first start and kept in
 * DATA_DIR/keys/jwt-private.pem. Every API process of one deployment must use the same key.
 */
export function loadSigningKey(options: { pem: string | undefined; dataDir: string }): SigningKey {
  // Environment files often carry a PEM on one line with literal "\n".
  const pem =
    options.pem?.replace(/\\n/g, '\n') ??
    loadOrCreateKeyFile(options.dataDir, 'jwt-private.pem', () =>
      generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    );
  const privateKey = createPrivateKey(pem);
  const publicKey = createPublicKey(privateKey);
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return {
    privateKey,
    publicKey,
    algorithm: algorithmFor(privateKey),
    keyId: createHash('sha256').update(der).digest('base64url').slice(0, 16),
  };
}

function algorithmFor(key: KeyObject): AccessTokenAlgorithm {
  if (key.asymmetricKeyType === 'rsa') return 'RS256';
  if (key.asymmetricKeyType === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === 'prime256v1') return 'ES256';
    if (curve === 'secp384r1') return 'ES384';
  }
  throw new Error('JWT_PRIVATE_KEY must be an RSA key or an EC key on P-256 or P-384');
}
