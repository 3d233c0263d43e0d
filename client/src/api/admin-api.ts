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

/** The admin API's user endpoints (role admin only). */
export class AdminApi {
  constructor(private readonly http: HttpClient) {}

  listUsers(): Promise<StaffAccount[]> {
    return this.http.json<StaffAccount[]>('/admin/users');
  }

  /** Signs the account out everywhere and refuses its sign-ins from now on (the record of its work stays). */
  async deactivateUser(username: string): Promise<void> {
    await this.http.send(`/admin/users/${encodeURIComponent(username)}/deactivate`, { method: 'POST' });
  }

  createUser(account: NewStaffAccount): Promise<CreatedStaffAccount> {
    return this.http.json<CreatedStaffAccount>('/admin/users', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(account),
    });
  }
}
