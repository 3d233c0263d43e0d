import { familyNames, givenNames, type Community } from '../names.js';
import { randomFor } from '../prng.js';
import sites from '../sites.json' with { type: 'json' };

/** A member of a governorate's team in the full demo: `caseworker.dahuk`, `psychologist.ninewa`, … */
export type TeamActor = `${'caseworker' | 'psychologist'}.${string}`;

export interface TeamMember {
  username: TeamActor;
  role: 'caseworker' | 'psychologist';
  governorate: string;
  givenName: string;
  familyName: string;
}

export interface ProgrammeSite {
  name: string;
  kind: string;
  governorate: string;
}

/** Where the partner CSO works; every other site of the programme's list is the programme's own. */
export const PARTNER_SITE_NAMES: readonly string[] = ['Sinjar'];

/** Every site of the programme's list (the reference sites.json), in its order: Qadia camp first. */
export const allSites: readonly ProgrammeSite[] = sites.governorates.flatMap((g) =>
  g.sites.map((s) => ({ name: s.name, kind: s.kind, governorate: g.name })),
);

const slug = (governorate: string): string => governorate.toLowerCase().replace(/[^a-z]+/g, '-');

/** Mostly Kurdish staff where most clients are Kurdish, Arab staff elsewhere. */
const kurdishGovernorates = new Set(['Dahuk', 'Erbil', 'Kirkuk']);

/**
 * One caseworker and one psychologist per governorate, working at the programme's sites there. Names are
 * drawn like the beneficiaries' (no real person is meant) and stay the same for every seed of the demo.
 */
export function demoTeam(): TeamMember[] {
  return sites.governorates.flatMap((g, i) =>
    (['caseworker', 'psychologist'] as const).map((role, r): TeamMember => {
      const rnd = randomFor(7, 'demo-team', i * 2 + r);
      const community: Community = kurdishGovernorates.has(g.name) ? 'kurd' : 'arab';
      const gender = rnd.chance(0.6) ? 'female' : 'male';
      return {
        username: `${role}.${slug(g.name)}`,
        role,
        governorate: g.name,
        givenName: rnd.pick(givenNames[community][gender]).latin,
        familyName: rnd.pick(familyNames[community]).latin,
      };
    }),
  );
}
