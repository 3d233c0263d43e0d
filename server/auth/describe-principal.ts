import type { Location, Organization, Practitioner } from '@medplum/fhirtypes';
import type { Repository } from '../store/repository.js';
import { findAccountById } from '../store/accounts.js';
import { findSystemClient } from '../store/accounts-clients.js';
import type { AuthServices } from './auth-services.js';
import type { Principal } from './principal.js';

export interface NamedRef {
  id: string;
  name?: string;
}

/** What `GET /auth/me` answers: the principal, with the names a screen shows next to the ids. */
export type PrincipalDescription =
  | {
      kind: 'staff';
      userId: string;
      username: string;
      practitionerId: string;
      displayName: string;
      role: string;
      organization: NamedRef;
      sites: NamedRef[];
      secondFactor: boolean;
    }
  | { kind: 'system'; clientId: string; name?: string; scopes: string[]; organization?: NamedRef }
  | { kind: 'internal'; reason: string };

export async function describePrincipal(auth: AuthServices, repo: Repository, principal: Principal): Promise<PrincipalDescription> {
  if (principal.kind === 'internal') return principal;
  if (principal.kind === 'system') {
    const client = await findSystemClient(auth.pool, principal.clientId);
    return {
      kind: 'system',
      clientId: principal.clientId,
      name: client?.name,
      scopes: principal.scopes,
      ...(principal.organizationId ? { organization: await nameOf<Organization>(repo, 'Organization', principal.organizationId) } : {}),
    };
  }
  const account = await findAccountById(auth.pool, principal.userId);
  const practitioner = await readOrUndefined<Practitioner>(repo, 'Practitioner', principal.practitionerId);
  return {
    kind: 'staff',
    userId: principal.userId,
    username: principal.username,
    practitionerId: principal.practitionerId,
    displayName: practitioner?.name?.[0]?.text ?? account?.displayName ?? principal.username,
    role: principal.role,
    organization: await nameOf<Organization>(repo, 'Organization', principal.organizationId),
    sites: await Promise.all(principal.siteIds.map((id) => nameOf<Location>(repo, 'Location', id))),
    secondFactor: Boolean(account?.totpSecret),
  };
}

async function nameOf<T extends Organization | Location>(repo: Repository, type: T['resourceType'], id: string): Promise<NamedRef> {
  const resource = await readOrUndefined<T>(repo, type, id);
  return resource?.name ? { id, name: resource.name } : { id };
}

async function readOrUndefined<T>(repo: Repository, type: string, id: string): Promise<T | undefined> {
  try {
    return (await repo.read(type, id)).resource as T;
  } catch {
    return undefined; // deleted or not visible: the id alone is still worth showing
  }
}
