import type { Location, Organization, Practitioner, Reference } from '@medplum/fhirtypes';
import type { StaffPrincipal } from '../../server/auth/principal.js';
import { staffPrincipalOfAccount } from '../../server/auth/sessions.js';
import { findResources } from '../../server/clinical/find-resources.js';
import { findAccountByUsername } from '../../server/store/accounts.js';
import type { Queryable } from '../../server/store/database.js';
import type { Repository } from '../../server/store/repository.js';
import { DEMO_DIRECTORATE } from '../demo-accounts.js';
import { demoTeam, type TeamActor } from '../demo-population/team.js';
import { DEMO_SEED } from './seed.js';

/** The demo logins who record clinical work (the admin and the reporter never do). */
export const demoActors = ['caseworker', 'psychologist', 'psychiatrist', 'supervisor', 'partner.caseworker'] as const;
export type { TeamActor };
export type DemoActor = (typeof demoActors)[number] | TeamActor;

export interface DemoSite {
  id: string;
  name: string;
  governorate?: string;
  organizationId: string;
}

export interface DemoStaffMember {
  principal: StaffPrincipal;
  /** the name shown beside references to them */
  display: string;
}

/** What the demo accounts seed created, as the clinical data needs it: who works where, and "now". */
export interface DemoContext {
  now: Date;
  /** the seed of every generated name, date, answer and id */
  seed: number;
  programmeId: string;
  partnerId: string;
  directorateId: string;
  staff: Record<DemoActor, DemoStaffMember>;
  /** the team members present besides the demo logins (none unless the full demo was seeded) */
  team: TeamActor[];
  /** every site of the programme and the partner, by name */
  sites: ReadonlyMap<string, DemoSite>;
}

/**
 * Reads the demo accounts (`accounts`), their sites and the Directorate of Health (through `server`, a
 * repository acting as the server). Undefined when any of them is missing (demo mode switched on over a
 * database that was not seeded as a demo), so that no clinical data is written for people who do not exist.
 */
export async function loadDemoContext(
  server: Repository,
  accounts: Queryable,
  now: Date,
  options: { seed?: number } = {},
): Promise<DemoContext | undefined> {
  const staff = {} as Record<DemoActor, DemoStaffMember>;
  for (const username of demoActors) {
    const account = await findAccountByUsername(accounts, username);
    if (account === undefined || !account.active) return undefined;
    staff[username] = { principal: staffPrincipalOfAccount(account), display: account.displayName };
  }
  const team: TeamActor[] = [];
  // The full demo's teams, where they were created (the small demo has none).
  for (const { username } of demoTeam()) {
    const account = await findAccountByUsername(accounts, username);
    if (account === undefined || !account.active) continue;
    staff[username] = { principal: staffPrincipalOfAccount(account), display: account.displayName };
    team.push(username);
  }
  const repo = server.asServer('demo data: who works where');
  const siteIds = [...new Set(Object.values(staff).flatMap((member) => member.principal.siteIds))];
  const locations = await findResources<Location>(repo, 'Location', [['_id', siteIds.join(',')]]);
  const [directorate] = await findResources<Organization>(repo, 'Organization', [['name:exact', DEMO_DIRECTORATE]]);
  if (directorate?.id === undefined || locations.length !== siteIds.length) return undefined;
  const sites = new Map(
    locations.map((l): [string, DemoSite] => [
      l.name ?? '',
      {
        id: l.id as string,
        name: l.name ?? '',
        governorate: l.address?.state,
        organizationId: (l.managingOrganization?.reference ?? '').replace(/^Organization\//, ''),
      },
    ]),
  );
  return {
    now,
    seed: options.seed ?? DEMO_SEED,
    programmeId: staff.caseworker.principal.organizationId,
    partnerId: staff['partner.caseworker'].principal.organizationId,
    directorateId: directorate.id,
    staff,
    team,
    sites,
  };
}

/** A reference to the Practitioner a demo login acts as, with their name. */
export function practitioner(context: DemoContext, actor: DemoActor): Reference<Practitioner> {
  const staff = context.staff[actor];
  return { reference: `Practitioner/${staff.principal.practitionerId}`, display: staff.display };
}
