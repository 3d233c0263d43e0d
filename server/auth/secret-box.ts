import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { loadOrCreateKeyFile } from './key-files.js';

/** Seals small secrets (TOTP seeds) at rest with AES-256-GCM, so a database dump alone does not reveal them. */
export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

export function loadSecretBox(options: { base64Key: string | undefined; dataDir: string }): SecretBox {
  const encoded =
    options.base64Key ?? loadOrCreateKeyFile(options.dataDir, 'totp-encryption.key', () => randomBytes(32).toString('base64'));
  const key = Buffer.from(encoded.trim(), 'base64');
  if (key.length !== 32) throw new Error('TOTP_ENCRYPTION_KEY must be 32 bytes, base64-encoded');
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('unreadable sealed secret');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}
