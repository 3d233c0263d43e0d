import { randomBytes } from 'node:crypto';
import { createOrganization } from '../../../server/auth/admin/create-organization.js';
import { createSite } from '../../../server/auth/admin/create-site.js';
import { createUser } from '../../../server/auth/admin/create-user.js';
import { createAuthServices } from '../../../server/auth/auth-services.js';
import { loadConfig } from '../../../server/config.js';
import { openDatabase } from '../../../server/store/database.js';
import { migrate } from '../../../server/store/migrate.js';
import type { HiwaProcess } from './hiwa-process.js';

export interface StaffLogin {
  username: string;
  password: string;
  organizationId: string;
  siteId: string;
}

/**
 * Migrates the server's database and gives it one organisation, one site and a supervisor working there, as
 * an administrator's tool would (through the store). Done before the server starts, because the embedded
 * database belongs to one process at a time.
 */
export async function prepareDatabase(hiwa: HiwaProcess, databaseUrl?: string): Promise<StaffLogin> {
  const store = await openDatabase({ databaseUrl, embeddedDir: hiwa.embeddedDir, poolSize: 2 });
  try {
    await migrate(store.pool);
    const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: hiwa.dataDir, DEMO_MODE: 'false' });
    const auth = createAuthServices({ pool: store.pool, config });
    const organization = await createOrganization(auth, { name: 'MHPSS Programme (reliability)' });
    const site = await createSite(auth, { name: 'Qadia camp', organization: organization.id as string, governorate: 'Dahuk', kind: 'camp' });
    const login: StaffLogin = {
      username: 'reliability.supervisor',
      password: randomBytes(18).toString('base64url'),
      organizationId: organization.id as string,
      siteId: site.id as string,
    };
    await createUser(auth, {
      username: login.username,
      password: login.password,
      role: 'supervisor',
      organization: login.organizationId,
      sites: [login.siteId],
      givenName: 'Reliability',
      familyName: 'Supervisor',
    });
    return login;
  } finally {
    await store.close();
  }
}

/** `POST /auth/login` → the access token; throws unless it succeeds. */
export async function accessToken(origin: string, login: StaffLogin): Promise<string> {
  const res = await fetch(`${origin}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: login.username, password: login.password }),
  });
  const body = (await res.json()) as { access_token?: string };
  if (!res.ok || !body.access_token) throw new Error(`login failed with ${res.status}: ${JSON.stringify(body)}`);
  return body.access_token;
}
