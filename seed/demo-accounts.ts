import fs from 'node:fs';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { createOrganization } from '../server/auth/admin/create-organization.js';
import { createSite, type CreateSiteInput } from '../server/auth/admin/create-site.js';
import { createSystemClient, type CreateSystemClientInput } from '../server/auth/admin/create-system-client.js';
import { createUser } from '../server/auth/admin/create-user.js';
import type { AuthServices } from '../server/auth/auth-services.js';
import type { StaffRole } from '../server/auth/principal.js';
import { countAccounts } from '../server/store/accounts.js';
import { allSites, demoTeam, PARTNER_SITE_NAMES } from './demo-population/team.js';

export const DEMO_PROGRAMME = 'MHPSS Programme (demo)';
export const DEMO_PARTNER = 'Hawkari Community Association (demo)';
export const DEMO_DIRECTORATE = 'Directorate of Health (demo)';
export const DEMO_CLIENT_ID = 'doh-demo';

/** A few of the programme's sites (from the programme's site list), and one where the partner works. */
const programmeSites: Omit<CreateSiteInput, 'organization'>[] = [
  { name: 'Qadia camp', kind: 'camp', governorate: 'Dahuk' },
  { name: 'Khanke Town', kind: 'town', governorate: 'Dahuk' },
  { name: 'Malta PHC', kind: 'primary-health-centre', governorate: 'Dahuk' },
  { name: 'Hassan Sham U3 camp', kind: 'camp', governorate: 'Ninewa' },
  { name: 'Debaga Camp clinic', kind: 'camp-clinic', governorate: 'Erbil' },
];
const partnerSites: Omit<CreateSiteInput, 'organization'>[] = [{ name: 'Sinjar', kind: 'town', governorate: 'Ninewa' }];

interface DemoLogin {
  username: string;
  role: StaffRole;
  givenName: string;
  familyName: string;
  org: 'programme' | 'partner';
  /** which of the organisation's sites (indexes); a caseworker at one site registers patients there */
  sites: 'all' | 'first' | 'none';
}

const demoLogins: DemoLogin[] = [
  { username: 'admin', role: 'admin', givenName: 'Rawa', familyName: 'Ismail', org: 'programme', sites: 'none' },
  { username: 'caseworker', role: 'caseworker', givenName: 'Layla', familyName: 'Hassan', org: 'programme', sites: 'first' },
  { username: 'psychologist', role: 'psychologist', givenName: 'Dilan', familyName: 'Ahmed', org: 'programme', sites: 'all' },
  { username: 'psychiatrist', role: 'psychiatrist', givenName: 'Karwan', familyName: 'Aziz', org: 'programme', sites: 'all' },
  { username: 'supervisor', role: 'supervisor', givenName: 'Nasreen', familyName: 'Omar', org: 'programme', sites: 'all' },
  { username: 'reporter', role: 'reporter', givenName: 'Sami', familyName: 'Yousif', org: 'programme', sites: 'none' },
  { username: 'partner.caseworker', role: 'caseworker', givenName: 'Hana', familyName: 'Khalil', org: 'partner', sites: 'first' },
];

export interface DemoAccountsOptions {
  /**
   * The full demo: every site of the programme's list (the partner keeps its own), and a caseworker and a
   * psychologist per governorate besides the demo logins. Without it, the few sites above and the logins only.
   */
  full?: boolean;
}

/** The full demo's sites of one organisation, from the programme's list. */
function fullSites(partner: boolean): Omit<CreateSiteInput, 'organization'>[] {
  return allSites
    .filter((s) => PARTNER_SITE_NAMES.includes(s.name) === partner)
    .map((s) => ({ name: s.name, kind: s.kind as CreateSiteInput['kind'], governorate: s.governorate }));
}

export interface DemoSeedResult {
  usernames: string[];
  clientId: string;
  /** where the doh-demo client's private JWK was written */
  privateKeyFile: string;
}

/**
 * Demo mode on an empty database (no account yet): the programme and a partner CSO with a few sites, one
 * login per role (all with the demo password), and the Directorate-of-Health client `doh-demo`, whose
 * private key is written to DATA_DIR/demo-keys/doh-demo.private.jwk. Creates nothing when any account
 * exists, so every later start is a no-op. Returns undefined then.
 */
export async function seedDemoAccounts(auth: AuthServices, dataDir: string, options: DemoAccountsOptions = {}): Promise<DemoSeedResult | undefined> {
  if ((await countAccounts(auth.pool)) > 0) return undefined;
  const programme = await createOrganization(auth, { name: DEMO_PROGRAMME, type: 'prov' });
  // An implementing partner of the programme: its services count as "through partners" in the programme's figures.
  const partner = await createOrganization(auth, { name: DEMO_PARTNER, type: 'prov', partOf: programme.id as string });
  const directorate = await createOrganization(auth, { name: DEMO_DIRECTORATE, type: 'govt' });
  const orgIds = { programme: programme.id as string, partner: partner.id as string };
  const siteIds = {
    programme: await createSites(auth, orgIds.programme, options.full ? fullSites(false) : programmeSites),
    partner: await createSites(auth, orgIds.partner, options.full ? fullSites(true) : partnerSites),
  };

  for (const login of demoLogins) {
    const sites = siteIds[login.org];
    await createUser(auth, {
      username: login.username,
      password: auth.demo.password,
      role: login.role,
      organization: orgIds[login.org],
      sites: login.sites === 'all' ? sites : login.sites === 'first' ? sites.slice(0, 1) : [],
      givenName: login.givenName,
      familyName: login.familyName,
    });
  }

  const team = options.full ? demoTeam() : [];
  // The teams cover the sites the demo logins do not, so the logins' caseloads stay as the stories set them.
  const loginSites = new Set(programmeSites.map((s) => s.name));
  const governorateOf = new Map(fullSites(false).map((s, i) => [siteIds.programme[i], loginSites.has(s.name) ? undefined : s.governorate]));
  for (const member of team) {
    await createUser(auth, {
      username: member.username,
      password: auth.demo.password,
      role: member.role,
      organization: orgIds.programme,
      sites: siteIds.programme.filter((id) => governorateOf.get(id) === member.governorate),
      givenName: member.givenName,
      familyName: member.familyName,
    });
  }

  const { privateJwk, publicJwk } = await newClientKey();
  await createSystemClient(auth, {
    clientId: DEMO_CLIENT_ID,
    name: DEMO_DIRECTORATE,
    jwks: { keys: [publicJwk] },
    scopes: ['system/*.read'],
    organization: directorate.id as string,
  });
  const privateKeyFile = path.join(dataDir, 'demo-keys', `${DEMO_CLIENT_ID}.private.jwk`);
  fs.mkdirSync(path.dirname(privateKeyFile), { recursive: true, mode: 0o700 });
  fs.writeFileSync(privateKeyFile, `${JSON.stringify(privateJwk, null, 2)}\n`, { mode: 0o600 });
  return { usernames: [...demoLogins.map((l) => l.username), ...team.map((m) => m.username)], clientId: DEMO_CLIENT_ID, privateKeyFile };
}

async function createSites(auth: AuthServices, organization: string, sites: Omit<CreateSiteInput, 'organization'>[]): Promise<string[]> {
  const ids: string[] = [];
  for (const site of sites) ids.push((await createSite(auth, { ...site, organization })).id as string);
  return ids;
}

/** An ES384 key pair as JWKs, both carrying the same `kid` (the key's thumbprint) and `alg`. */
async function newClientKey(): Promise<{ privateJwk: JWK; publicJwk: NonNullable<CreateSystemClientInput['jwks']>['keys'][number] }> {
  const { privateKey, publicKey } = await generateKeyPair('ES384', { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return {
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'ES384', use: 'sig' },
    publicJwk: { ...publicJwk, kty: 'EC', kid, alg: 'ES384' as const, use: 'sig' },
  };
}
