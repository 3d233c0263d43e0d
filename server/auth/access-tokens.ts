import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { staffRoles, type StaffPrincipal, type SystemPrincipal } from './principal.js';
import type { SigningKey } from './signing-key.js';

const staffClaims = z.object({
  kind: z.literal('staff'),
  sub: z.string().min(1),
  jti: z.string().min(1),
  username: z.string().min(1),
  /** the Practitioner the account acts as */
  prn: z.string().min(1),
  role: z.enum(staffRoles),
  org: z.string().min(1),
  sites: z.array(z.string()),
  /** the account's token generation when issued; a later generation refuses this token */
  gen: z.number().int(),
});

const systemClaims = z.object({
  kind: z.literal('system'),
  sub: z.string().min(1),
  jti: z.string().min(1),
  scope: z.string(),
  org: z.string().min(1).optional(),
  /** a data-migration client */
  full: z.literal(true).optional(),
});

const accessClaims = z.discriminatedUnion('kind', [staffClaims, systemClaims]);
export type StaffClaims = z.infer<typeof staffClaims>;
export type SystemClaims = z.infer<typeof systemClaims>;
export type AccessClaims = z.infer<typeof accessClaims>;

export interface AccessTokenOptions {
  key: SigningKey;
  issuer: string;
  audience: string;
  clock: () => Date;
}

export interface IssuedToken {
  token: string;
  expiresIn: number;
}

/** Enough for every token of a large deployment's working day, a few megabytes at most. */
const MAX_REMEMBERED_TOKENS = 10_000;

/** Signs and verifies Hiwa's access tokens: short-lived JWTs with one pinned asymmetric algorithm. */
export class AccessTokens {
  constructor(private readonly options: AccessTokenOptions) {}

  issueStaff(principal: StaffPrincipal, generation: number, ttlSeconds: number): IssuedToken {
    const claims: Omit<StaffClaims, 'sub' | 'jti'> = {
      kind: 'staff',
      username: principal.username,
      prn: principal.practitionerId,
      role: principal.role,
      org: principal.organizationId,
      sites: principal.siteIds,
      gen: generation,
    };
    return this.sign(claims, principal.userId, ttlSeconds);
  }

  issueSystem(principal: SystemPrincipal, ttlSeconds: number): IssuedToken {
    const claims: Omit<SystemClaims, 'sub' | 'jti'> = {
      kind: 'system',
      scope: principal.scopes.join(' '),
      ...(principal.organizationId ? { org: principal.organizationId } : {}),
      ...(principal.fullAccess ? { full: true as const } : {}),
    };
    return this.sign(claims, principal.clientId, ttlSeconds);
  }

  /**
   * Tokens whose signature has already been checked, with their expiry. A client sends one token with every
   * request of its 15 minutes, and checking an ES256 signature costs more than the rest of authentication;
   * remembering the outcome changes nothing else (a revoked token is still refused by the account check).
   */
  private readonly verified = new Map<string, { claims: AccessClaims; exp: number }>();

  /** The claims of a token this server signed and that is still valid, or undefined. Never throws. */
  verify(token: string): AccessClaims | undefined {
    const { key, issuer, audience, clock } = this.options;
    const now = Math.floor(clock().getTime() / 1000);
    const known = this.verified.get(token);
    if (known) {
      if (now < known.exp) return known.claims; // jsonwebtoken's rule: expired from `exp` on
      this.verified.delete(token);
      return undefined;
    }
    let payload: string | jwt.JwtPayload;
    try {
      payload = jwt.verify(token, key.publicKey, {
        algorithms: [key.algorithm], // pinned: no `none`, no HS256 keyed with the public key
        issuer,
        audience,
        clockTimestamp: now,
      });
    } catch {
      return undefined;
    }
    const parsed = accessClaims.safeParse(payload);
    if (!parsed.success) return undefined;
    if (typeof payload === 'object' && typeof payload.exp === 'number') this.remember(token, parsed.data, payload.exp);
    return parsed.data;
  }

  private remember(token: string, claims: AccessClaims, exp: number): void {
    if (this.verified.size >= MAX_REMEMBERED_TOKENS) {
      // Maps keep insertion order: the first key is the token remembered longest ago.
      this.verified.delete(this.verified.keys().next().value as string);
    }
    if (claims.kind === 'staff') Object.freeze(claims.sites);
    this.verified.set(token, { claims: Object.freeze(claims), exp });
  }

  private sign(claims: object, subject: string, ttlSeconds: number): IssuedToken {
    const { key, issuer, audience, clock } = this.options;
    const iat = Math.floor(clock().getTime() / 1000);
    const token = jwt.sign({ ...claims, iat }, key.privateKey, {
      algorithm: key.algorithm,
      keyid: key.keyId,
      expiresIn: ttlSeconds,
      issuer,
      audience,
      subject,
      jwtid: randomUUID(),
    });
    return { token, expiresIn: ttlSeconds };
  }
}

export function staffPrincipalFrom(claims: StaffClaims): StaffPrincipal {
  return {
    kind: 'staff',
    userId: claims.sub,
    username: claims.username,
    practitionerId: claims.prn,
    role: claims.role,
    organizationId: claims.org,
    siteIds: claims.sites,
  };
}

export function systemPrincipalFrom(claims: SystemClaims): SystemPrincipal {
  return {
    kind: 'system',
    clientId: claims.sub,
    scopes: claims.scope.split(' ').filter(Boolean),
    ...(claims.org ? { organizationId: claims.org } : {}),
    ...(claims.full ? { fullAccess: true } : {}),
  };
}
