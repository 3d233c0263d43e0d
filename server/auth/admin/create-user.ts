import { randomUUID } from 'node:crypto';
import type { Practitioner, PractitionerRole } from '@medplum/fhirtypes';
import { z } from 'zod';
import { badRequest, conflict } from '../../fhir/outcomes.js';
import { inTransaction } from '../../store/database.js';
import { findAccountByUsername, insertAccount } from '../../store/accounts.js';
import { Repository } from '../../store/repository.js';
import type { AuthServices } from '../auth-services.js';
import { parseInput } from '../parse-input.js';
import { hashPassword } from '../passwords.js';
import { checkPassword } from '../password-policy.js';
import { STAFF_ROLE_SYSTEM, staffRoles } from '../principal.js';
import { newTotpSecret } from '../totp.js';
import { requireExisting } from './require-existing.js';

export const HIWA_USERNAME_SYSTEM = 'https://hiwa.health/fhir/sid/username';

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,62}$/, 'letters, digits, dot, dash or underscore; 2 to 63 characters');

export const createUserInput = z.object({
  username: usernameSchema,
  password: z.string().min(1).max(256),
  role: z.enum(staffRoles),
  /** the Organization the person works for */
  organization: z.string().min(1),
  /** Location ids of the sites they work at */
  sites: z.array(z.string().min(1)).max(200).default([]),
  givenName: z.string().trim().min(1).max(100),
  familyName: z.string().trim().min(1).max(100).optional(),
});
export type CreateUserInput = z.input<typeof createUserInput>;

export interface CreatedUser {
  id: string;
  username: string;
  role: string;
  practitionerId: string;
  practitionerRoleId: string;
  organizationId: string;
  siteIds: string[];
  /** for an admin outside demo mode: the second factor to scan now */
  totp?: { otpauth_uri: string; secret: string };
}

/**
 * A staff account: the Practitioner, its PractitionerRole (role, organisation, sites) and the credential
 * record, all in one transaction. Admin accounts get a TOTP secret straight away (except in demo mode).
 */
export async function createUser(auth: AuthServices, input: CreateUserInput): Promise<CreatedUser> {
  const u = parseInput(createUserInput, input);
  const policy = checkPassword(u.password, u.username, auth.demo);
  if (!policy.ok) throw badRequest(policy.reason ?? 'The password is not acceptable', 'password');
  const passwordHash = await hashPassword(u.password);
  // Outside demo mode an admin cannot log in without a second factor, so one is made with the account.
  const totp = u.role === 'admin' && !auth.demo.enabled ? newTotpSecret(u.username) : undefined;
  const displayName = [u.givenName, u.familyName].filter(Boolean).join(' ');
  const accountId = randomUUID();

  return inTransaction(auth.pool, async (client) => {
    if (await findAccountByUsername(client, u.username)) throw conflict(`The username ${u.username} is taken`, 'username');
    const repo = Repository.inOpenTransaction(client, { clock: auth.clock });
    await requireExisting(repo, 'Organization', [u.organization], 'organization');
    await requireExisting(repo, 'Location', u.sites, 'sites');
    const practitioner = await repo.create<Practitioner>({
      resourceType: 'Practitioner',
      active: true,
      identifier: [{ system: HIWA_USERNAME_SYSTEM, value: u.username }],
      name: [{ text: displayName, given: [u.givenName], ...(u.familyName ? { family: u.familyName } : {}) }],
    });
    const practitionerId = practitioner.resource.id as string;
    const practitionerRole = await repo.create<PractitionerRole>({
      resourceType: 'PractitionerRole',
      active: true,
      practitioner: { reference: `Practitioner/${practitionerId}`, display: displayName },
      organization: { reference: `Organization/${u.organization}` },
      code: [{ coding: [{ system: STAFF_ROLE_SYSTEM, code: u.role }] }],
      // FHIR JSON has no empty arrays: staff without sites (admin, reporter) have no location at all.
      ...(u.sites.length > 0 ? { location: u.sites.map((id) => ({ reference: `Location/${id}` })) } : {}),
    });
    const practitionerRoleId = practitionerRole.resource.id as string;
    await insertAccount(
      client,
      {
        id: accountId,
        username: u.username,
        passwordHash,
        displayName,
        practitionerId,
        practitionerRoleId,
        role: u.role,
        organizationId: u.organization,
        siteIds: u.sites,
        totpSecret: totp ? auth.secrets.seal(totp.secret) : null,
      },
      auth.clock(),
    );
    return {
      id: accountId,
      username: u.username,
      role: u.role,
      practitionerId,
      practitionerRoleId,
      organizationId: u.organization,
      siteIds: u.sites,
      ...(totp ? { totp: { otpauth_uri: totp.uri, secret: totp.secret } } : {}),
    };
  });
}
