import type { Community } from '../names.js';

/** Who the programme serves at a demo site, for believable names, languages, addresses and groups. */
export interface SiteProfile {
  district: string;
  /** share of Kurdish (rather than Arab) beneficiaries */
  kurdishShare: number;
  kurdishLanguage: 'ckb' | 'kmr';
  populationGroups: readonly (readonly [string, number])[];
  /** how a home address there reads */
  addressLine: (n: number) => string;
  /** how people mostly reach the services there */
  modality: 'community-centre' | 'mobile-team';
}

// Districts as the sites are listed in the programme's reports and camp registers: Qadia (Zakho) and
// Khanke (Sumel) host Yazidi IDPs from Sinjar; Malta is a neighbourhood of Dahuk city; Hassan Sham U3
// (Al-Hamdaniya) and Debaga (Makhmur) host Arab IDPs from Mosul and the Ninewa plains; Sinjar has returnees.
const profiles: Readonly<Record<string, SiteProfile>> = {
  'Qadia camp': {
    district: 'Zakho',
    kurdishShare: 0.95,
    kurdishLanguage: 'kmr',
    populationGroups: [['idp', 9], ['returnee', 1]],
    addressLine: (n) => `Qadia camp, sector ${(n % 9) + 1}`,
    modality: 'community-centre',
  },
  'Khanke Town': {
    district: 'Sumel',
    kurdishShare: 0.95,
    kurdishLanguage: 'kmr',
    populationGroups: [['idp', 6], ['host-community', 4]],
    addressLine: (n) => `Khanke, quarter ${(n % 5) + 1}`,
    modality: 'mobile-team',
  },
  'Malta PHC': {
    district: 'Dahuk',
    kurdishShare: 0.75,
    kurdishLanguage: 'kmr',
    populationGroups: [['host-community', 6], ['idp', 3], ['refugee', 1]],
    addressLine: (n) => `Malta, street ${(n % 40) + 10}`,
    modality: 'community-centre',
  },
  'Hassan Sham U3 camp': {
    district: 'Al-Hamdaniya',
    kurdishShare: 0.05,
    kurdishLanguage: 'ckb',
    populationGroups: [['idp', 1]],
    addressLine: (n) => `Hassan Sham U3 camp, block ${String.fromCharCode(65 + (n % 6))}`,
    modality: 'mobile-team',
  },
  'Debaga Camp clinic': {
    district: 'Makhmur',
    kurdishShare: 0.1,
    kurdishLanguage: 'ckb',
    populationGroups: [['idp', 8], ['returnee', 2]],
    addressLine: (n) => `Debaga camp, row ${(n % 12) + 1}`,
    modality: 'community-centre',
  },
  Sinjar: {
    district: 'Sinjar',
    kurdishShare: 0.9,
    kurdishLanguage: 'kmr',
    populationGroups: [['returnee', 8], ['idp', 2]],
    addressLine: (n) => `Sinjar, ${['Barbarosh', 'Nasir', 'Kalhi', 'Shahid'][n % 4]} quarter`,
    modality: 'community-centre',
  },
};

/**
 * Any other site of the programme's list (the full demo has them all): who is served there follows the
 * governorate (Kurdish share and language, as in the synthetic data) and the kind of site (camps serve the
 * displaced, towns and health centres mostly residents and returnees).
 */
const kurdishByGovernorate: Readonly<Record<string, readonly [number, 'ckb' | 'kmr']>> = {
  Dahuk: [0.8, 'kmr'],
  Erbil: [0.8, 'ckb'],
  Kirkuk: [0.4, 'ckb'],
  Ninewa: [0.3, 'kmr'],
};

function governorateProfile(name: string, governorate: string | undefined): SiteProfile {
  const [kurdishShare, kurdishLanguage] = kurdishByGovernorate[governorate ?? ''] ?? [0.03, 'ckb'];
  const camp = /camp/i.test(name);
  return {
    district: '',
    kurdishShare,
    kurdishLanguage,
    populationGroups: camp
      ? [['idp', 9], ['returnee', 1]]
      : [['host-community', 5], ['idp', 2], ['returnee', 2], ['refugee', 1]],
    addressLine: (n) => (camp ? `${name}, sector ${(n % 9) + 1}` : `${name}, house ${(n % 400) + 1}`),
    modality: camp || /PHC|hospital|clinic/i.test(name) ? 'community-centre' : 'mobile-team',
  };
}

export function siteProfile(site: { name: string; governorate?: string }): SiteProfile {
  return profiles[site.name] ?? governorateProfile(site.name, site.governorate);
}

export function communityAt(profile: SiteProfile, draw: number): Community {
  return draw < profile.kurdishShare ? 'kurd' : 'arab';
}
