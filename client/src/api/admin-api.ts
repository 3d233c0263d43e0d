import type { Location, Organization } from '@medplum/fhirtypes';
import type { HttpClient } from './http-client.js';

/** A staff account as `GET /admin/users` lists it. */
export interface StaffAccount {
  id: string;
  username: string;
  displayName: string;
  role: string;
  organizationId: string;
  siteIds: string[];
  practitionerId: string;
  active: boolean;
  secondFactor: boolean;
  failedAttempts: number;
  lastLoginAt: string | null;
}

/** The body of `POST /admin/users`. */
export interface NewStaffAccount {
  username: string;
  password: string;
  role: string;
  organization: string;
  sites: string[];
  givenName: string;
  familyName?: string;
}

export interface CreatedStaffAccount {
  id: string;
  username: string;
  role: string;
  /** an admin outside demo mode gets a second factor at once, shown this one time */
  totp?: { otpauth_uri: string; secret: string };
}

/** A second factor as the server answers it, this one time: the secret and the otpauth:// URI to scan. */
export interface SecondFactor {
  otpauth_uri: string;
  secret: string;
}

/** The body of `POST /admin/organizations`. */
export interface NewOrganization {
  name: string;
  type: string;
}

/** The body of `POST /admin/sites`. */
export interface NewSite {
  name: string;
  organization: string;
  governorate?: string;
  kind?: string;
}

/** A SMART Backend Services client as `GET /admin/clients` lists it (its keys are never answered). */
export interface SystemClient {
  clientId: string;
  name: string;
  jwksUrl: string | null;
  allowedScopes: string[];
  organizationId: string | null;
  fullAccess: boolean;
  active: boolean;
}

/** The body of `POST /admin/clients`: the public keys inline or where they are published, never both. */
export interface NewSystemClient {
  clientId: string;
  name: string;
  jwks?: { keys: object[] };
  jwksUrl?: string;
  scopes: string[];
  organization?: string;
}

/** An installed text pack as `GET /admin/text-packs` lists it (its wording is not answered). */
export interface InstalledTextPack {
  questionnaire: string;
  language: string;
  reviewStatus: string;
  installedAt: string;
  /** the admin's username */
  installedBy: string;
}

/** The admin API (role admin only): users, organisations, sites, system clients and text packs. */
export class AdminApi {
  constructor(private readonly http: HttpClient) {}

  listUsers(): Promise<StaffAccount[]> {
    return this.http.json<StaffAccount[]>('/admin/users');
  }

  /** Signs the account out everywhere and refuses its sign-ins from now on (the record of its work stays). */
  async deactivateUser(username: string): Promise<void> {
    await this.http.send(`/admin/users/${encodeURIComponent(username)}/deactivate`, { method: 'POST' });
  }

  /** Lets a deactivated account sign in again (harmless for an active one). */
  async reactivateUser(username: string): Promise<void> {
    await this.http.send(`/admin/users/${encodeURIComponent(username)}/reactivate`, { method: 'POST' });
  }

  /** A new second factor for the account; the old authenticator stops working. */
  resetSecondFactor(username: string): Promise<SecondFactor> {
    return this.http.json<SecondFactor>(`/admin/users/${encodeURIComponent(username)}/reset-totp`, { method: 'POST' });
  }

  createUser(account: NewStaffAccount): Promise<CreatedStaffAccount> {
    return this.post<CreatedStaffAccount>('/admin/users', account);
  }

  createOrganization(organization: NewOrganization): Promise<Organization> {
    return this.post<Organization>('/admin/organizations', organization);
  }

  createSite(site: NewSite): Promise<Location> {
    return this.post<Location>('/admin/sites', site);
  }

  listSystemClients(): Promise<SystemClient[]> {
    return this.http.json<SystemClient[]>('/admin/clients');
  }

  createSystemClient(client: NewSystemClient): Promise<SystemClient> {
    return this.post<SystemClient>('/admin/clients', client);
  }

  /** Its tokens are refused from the next request on. */
  async deactivateSystemClient(clientId: string): Promise<void> {
    await this.http.send(`/admin/clients/${encodeURIComponent(clientId)}/deactivate`, { method: 'POST' });
  }

  listTextPacks(): Promise<InstalledTextPack[]> {
    return this.http.json<InstalledTextPack[]>('/admin/text-packs');
  }

  /** Installs a text pack (the JSON of its file), replacing the one for the same questionnaire and language. */
  installTextPack(pack: unknown): Promise<InstalledTextPack> {
    return this.post<InstalledTextPack>('/admin/text-packs', pack);
  }

  private post<T>(path: string, body: unknown): Promise<T> {
    return this.http.json<T>(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  }
}
