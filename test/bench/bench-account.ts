import { randomBytes } from 'node:crypto';
import { createOrganization } from '../../server/auth/admin/create-organization.js';
import { createSite } from '../../server/auth/admin/create-site.js';
import { createUser } from '../../server/auth/admin/create-user.js';
import { createAuthServices } from '../../server/auth/auth-services.js';
import { loadConfig } from '../../server/config.js';
import { openDatabase } from '../../server/store/database.js';

/**
 * The benchmark calls the API as a caseworker of one organisation at one site, so every request pays what
 * a real one pays: token check, access rule in the SQL, audit. The account is made through the store (as
 * an administrator's tool would), then logs in over HTTP; the token comes back for the load generator.
 */
export async function caseworkerToken(databaseUrl: string, dataDir: string, origin: string): Promise<string> {
  return (await caseworkerTokens(databaseUrl, dataDir, origin, 1))[0];
}

/** The same account logged in `logins` times: as many sessions, each with its own access token. */
export async function caseworkerTokens(databaseUrl: string, dataDir: string, origin: string, logins: number): Promise<string[]> {
  const store = await openDatabase({ databaseUrl, poolSize: 2 });
  const username = 'bench.caseworker';
  const password = randomBytes(18).toString('base64url');
  try {
    const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dataDir, DEMO_MODE: 'false' });
    const auth = createAuthServices({ pool: store.pool, config });
    const organization = await createOrganization(auth, { name: 'MHPSS Programme (benchmark)' });
    const site = await createSite(auth, { name: 'Qadia camp', organization: organization.id as string, governorate: 'Dahuk', kind: 'camp' });
    await createUser(auth, {
      username,
      password,
      role: 'caseworker',
      organization: organization.id as string,
      sites: [site.id as string],
      givenName: 'Benchmark',
      familyName: 'Caseworker',
    });
  } finally {
    await store.close();
  }
  const tokens: string[] = [];
  for (let i = 0; i < logins; i++) {
    const res = await fetch(`${origin}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const body = (await res.json()) as { access_token?: string };
    if (!res.ok || !body.access_token) throw new Error(`login failed with ${res.status}: ${JSON.stringify(body)}`);
    tokens.push(body.access_token);
  }
  return tokens;
}
