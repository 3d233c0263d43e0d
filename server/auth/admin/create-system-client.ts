import { importJWK, type JWK } from 'jose';
import { z } from 'zod';
import { badRequest, conflict } from '../../fhir/outcomes.js';
import { findSystemClient, insertSystemClient, type PublicJwks } from '../../store/accounts-clients.js';
import { Repository } from '../../store/repository.js';
import type { AuthServices } from '../auth-services.js';
import { parseInput } from '../parse-input.js';
import { assertionAlgorithms } from '../client-assertion.js';
import { parseScope } from '../smart-scopes.js';
import { requireExisting } from './require-existing.js';

const publicJwk = z
  .object({
    kty: z.enum(['RSA', 'EC']),
    kid: z.string().min(1).max(200).optional(),
    alg: z.enum(assertionAlgorithms).optional(),
  })
  .passthrough();

/** https, or http on the loopback interface (a key service on the same host, and tests). */
const jwksUrl = z
  .string()
  .url()
  .max(2000)
  .refine((text) => {
    const url = new URL(text);
    return url.protocol === 'https:' || (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname));
  }, 'must be an https URL (http only on localhost)');

export const createSystemClientInput = z
  .object({
    clientId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{1,127}$/, 'letters, digits and . _ : -; 2 to 128 characters'),
    name: z.string().trim().min(1).max(200),
    /** the public keys inline, or… */
    jwks: z.object({ keys: z.array(publicJwk).min(1).max(10) }).optional(),
    /** …where the client publishes them (fetched when needed, so the client rotates keys on its own) */
    jwksUrl: jwksUrl.optional(),
  /** SMART system scopes the client may be granted, e.g. `system/*.rs` */
    scopes: z.array(z.string().refine((s) => parseScope(s)?.context === 'system', 'must be a system/ resource scope')).min(1),
    organization: z.string().min(1).optional(),
    /** a data-migration client: every record, PSY included (never the audit trail); deactivate after use */
    fullAccess: z.boolean().default(false),
  })
  .refine((c) => (c.jwks === undefined) !== (c.jwksUrl === undefined), { message: 'give either jwks or jwksUrl', path: ['jwks'] });
export type CreateSystemClientInput = z.input<typeof createSystemClientInput>;

/** Registers a SMART Backend Services client by its public keys or their URL; private keys never reach the server. */
export async function createSystemClient(
  auth: AuthServices,
  input: CreateSystemClientInput,
): Promise<{ clientId: string; name: string; jwksUrl: string | null; scopes: string[]; organizationId: string | null; fullAccess: boolean }> {
  const c = parseInput(createSystemClientInput, input);
  for (const [i, key] of (c.jwks?.keys ?? []).entries()) {
    if ('d' in key || 'p' in key || 'q' in key) throw badRequest('Register public keys only; this key contains private parts', `jwks.keys.${i}`);
    try {
      await importJWK(key as JWK, key.alg ?? (key.kty === 'RSA' ? 'RS384' : 'ES384'));
    } catch {
      throw badRequest('This key cannot be used for RS384 or ES384', `jwks.keys.${i}`);
    }
  }
  if (c.organization) await requireExisting(new Repository(auth.pool, { clock: auth.clock }), 'Organization', [c.organization], 'organization');
  if (await findSystemClient(auth.pool, c.clientId)) throw conflict(`The client id ${c.clientId} is taken`, 'clientId');
  const row = {
    clientId: c.clientId,
    name: c.name,
    jwks: (c.jwks as PublicJwks | undefined) ?? null,
    jwksUrl: c.jwksUrl ?? null,
    allowedScopes: c.scopes,
    organizationId: c.organization ?? null,
    fullAccess: c.fullAccess,
  };
  await insertSystemClient(auth.pool, row, auth.clock());
  return {
    clientId: row.clientId,
    name: row.name,
    jwksUrl: row.jwksUrl,
    scopes: row.allowedScopes,
    organizationId: row.organizationId,
    fullAccess: row.fullAccess,
  };
}
