import { randomBytes } from 'node:crypto';
import { createOrganization } from '../../../server/auth/admin/create-organization.js';
import { createSite } from '../../../server/auth/admin/create-site.js';
import { createUser } from '../../../server/auth/admin/create-user.js';
import { createAuthServices } from '../../../server/auth/auth-services.js';
import type { StaffRole } from '../../../server/auth/principal.js';
import { startSession } from '../../../server/auth/sessions.js';
import { loadConfig } from '../../../server/config.js';
import { findAccountByUsername } from '../../../server/store/accounts.js';
import { openDatabase } from '../../../server/store/database.js';

/** One member of staff at work: who they are, where they work, and the token they call the API with. */
export interface StaffMember {
  username: string;
  role: StaffRole;
  organizationId: string;
  siteId: string;
  practitionerId: string;
  accessToken: string;
  /** the API process this person's client talks to */
  origin: string;
}

export interface Site {
  id: string;
  organizationId: string;
  name: string;
}

export interface Roster {
  sites: Site[];
  staff: StaffMember[];
}

/** Who is wanted: per organisation its sites, and per site how many of each role. */
export interface RosterPlan {
  organizations: { name: string; sites: string[] }[];
  /** members of staff in all */
  staff: number;
}

/** The programme (two sites) and a partner CSO (one site), as the load and hostile suites use them. */
export const TWO_ORGANIZATIONS: RosterPlan['organizations'] = [
  { name: 'MHPSS Programme', sites: ['Qadia camp', 'Zakho community centre'] },
  { name: 'Partner CSO', sites: ['Sinjar mobile team'] },
];

/** Three caseworkers to each psychologist and supervisor, as a field team is staffed. */
const ROLE_CYCLE: readonly StaffRole[] = ['caseworker', 'caseworker', 'caseworker', 'psychologist', 'supervisor'];

/** The role and site of the i-th member of staff: roles cycle within each site, sites take turns. */
export function placement(index: number, siteCount: number): { role: StaffRole; siteIndex: number } {
  return { siteIndex: index % siteCount, role: ROLE_CYCLE[Math.floor(index / siteCount) % ROLE_CYCLE.length] };
}

/** Where the accounts go: the deployment's database, and the DATA_DIR whose key signs its tokens. */
export interface AccountStore {
  databaseUrl: string;
  dataDir: string;
  /** the API processes; staff are spread over them in turn, as a balancer would spread them */
  origins: readonly string[];
  /** the servers' environment (token lifetimes) */
  env: Record<string, string>;
}

/**
 * Creates the organisations, sites and accounts through the store (as an administrator's tool does) and
 * starts each person's session there too, with the key the servers sign with: a login over HTTP would
 * only add a second argon2 hash per person to the setup, which on a busy two-core machine takes minutes.
 */
export async function enrolStaff(where: AccountStore, plan: RosterPlan): Promise<Roster> {
  const { databaseUrl, dataDir, origins } = where;
  const store = await openDatabase({ databaseUrl, poolSize: 2 });
  const staff: StaffMember[] = new Array(plan.staff);
  const sites: Site[] = [];
  try {
    const config = loadConfig({ ...process.env, ...where.env, DATABASE_URL: databaseUrl, DATA_DIR: dataDir });
    const auth = createAuthServices({ pool: store.pool, config });
    for (const org of plan.organizations) {
      const organizationId = (await createOrganization(auth, { name: org.name })).id as string;
      for (const name of org.sites) sites.push({ id: (await createSite(auth, { name, organization: organizationId })).id as string, organizationId, name });
    }
    // Password hashing (argon2, 64 MiB) dominates; a few at once use both cores.
    await inGroups(plan.staff, async (i) => {
      const { role, siteIndex } = placement(i, sites.length);
      const site = sites[siteIndex];
      const username = `${role}.${i}`;
      const created = await createUser(auth, {
        username,
        password: randomBytes(18).toString('base64url'),
        role,
        organization: site.organizationId,
        sites: [site.id],
        givenName: `Staff ${i}`,
        familyName: role,
      });
      const account = await findAccountByUsername(store.pool, username);
      if (account === undefined) throw new Error(`account ${username} was not stored`);
      const { access_token } = await startSession(auth, account);
      const origin = origins[i % origins.length];
      staff[i] = { username, role, organizationId: site.organizationId, siteId: site.id, practitionerId: created.practitionerId, accessToken: access_token, origin };
    });
  } finally {
    await store.close();
  }
  return { sites, staff };
}

/** Runs `fn` for 0 … count − 1, four at a time. */
async function inGroups(count: number, fn: (index: number) => Promise<void>): Promise<void> {
  for (let from = 0; from < count; from += 4) {
    await Promise.all(Array.from({ length: Math.min(4, count - from) }, (_, k) => fn(from + k)));
  }
}
