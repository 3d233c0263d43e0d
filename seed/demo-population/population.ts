import { randomFor, type Random } from '../prng.js';
import type { DemoActor, DemoContext, DemoSite } from '../demo-data/context.js';
import { registrarAt } from '../demo-data/people.js';
import type { RosterEntry } from '../demo-data/roster.js';

/** How far back the full demo's caseload goes: eighteen months of registrations. */
export const POPULATION_DAYS = 540;

/**
 * The generated caseload around the hand-written roster: `count` people registered over the last eighteen
 * months at every site the demo has, weighted towards the governorates where the programme had most sites.
 * Most cases ran a few sessions and were closed; recent ones are open, the newest wait for assignment;
 * some went to a psychologist; a few had a suicide-risk alert reviewed with a safety plan or a pending
 * psychiatric referral. A pure function of (context, count): the same seed gives the same people.
 */
export function populationRoster(context: DemoContext, count: number): RosterEntry[] {
  return Array.from({ length: count }, (_, i) => populationEntry(context, i));
}

/** Person number `index` of the generated caseload (the same whatever the count). */
export function populationEntry(context: DemoContext, index: number): RosterEntry {
  const rnd = randomFor(context.seed, 'demo-population', index);
  // by name: the database lists the sites in no fixed order, and the same seed must give the same people
  const sites = [...context.sites.values()].sort((a, b) => a.name.localeCompare(b.name, 'en'));
  const site = rnd.weighted(sites.map((s) => [s, siteWeight(s)] as const));
  const registrar = registrarAt(context, site);
  const partner = registrar === 'partner.caseworker';
  // The partner's cases stay open (it has no supervisor among the demo logins to approve a closure), so
  // the partner's caseload is its recent one.
  const registeredDaysAgo = rnd.int(1, partner ? 120 : POPULATION_DAYS);
  const child = rnd.chance(0.12);
  const base: RosterEntry = {
    site: site.name,
    registeredDaysAgo,
    ...(child ? { child } : {}),
    ...(rnd.chance(0.35) ? { caseManagementForm: true } : {}),
    ...(!partner && rnd.chance(0.05) ? { sharesWithPartner: true } : {}),
  };
  // The newest registrations wait for the supervisor to assign them.
  if (registeredDaysAgo <= 10 && rnd.chance(0.5)) return base;
  const dohDraw = rnd.next();
  const doh = dohDraw < 0.03 ? { doh: 'withdrawn' as const } : dohDraw < 0.33 ? { doh: 'consented' as const } : {};
  // Risk and referral stories need the demo's psychologist, and an adult (they use adult instruments).
  if (!partner && !child && loginSite(context, site)) {
    const story = rnd.next();
    if (story < 0.12 && registeredDaysAgo >= 10) {
      return { ...base, ...doh, manager: registrar, story: 'risk-reviewed', sessions: rnd.int(6, 12) };
    }
    if (story < 0.22 && registeredDaysAgo >= 20 && registeredDaysAgo <= 240) {
      return { ...base, ...doh, manager: 'psychologist', story: 'referral-pending' };
    }
  }
  // Closed after a handful of sessions, unless registered recently enough to be still in care.
  const sessions = !partner && (registeredDaysAgo > 120 || rnd.chance(0.4)) ? { sessions: rnd.int(3, 10) } : {};
  const clinician = partner || !rnd.chance(0.25) ? undefined : psychologistFor(context, site);
  if (clinician !== undefined && clinician !== registrar) return { ...base, ...doh, ...sessions, transferredTo: clinician };
  return { ...base, ...doh, ...sessions, manager: registrar };
}

/** A site of the demo logins (no governorate team works there): the stories that need the demo's psychologist happen there. */
function loginSite(context: DemoContext, site: DemoSite): boolean {
  return !context.team.some((actor) => context.staff[actor].principal.siteIds.includes(site.id));
}

/** Camps and the sites with the programme's longest presence see more people. */
function siteWeight(site: DemoSite): number {
  return (/camp/i.test(site.name) ? 3 : 1) * (site.governorate === 'Dahuk' || site.governorate === 'Ninewa' ? 2 : 1);
}

/** The psychologist who takes over a case: the demo's own at her sites, the governorate's otherwise. */
function psychologistFor(context: DemoContext, site: DemoSite): DemoActor | undefined {
  if (loginSite(context, site)) return 'psychologist';
  return context.team.find((actor) => actor.startsWith('psychologist.') && context.staff[actor].principal.siteIds.includes(site.id));
}
