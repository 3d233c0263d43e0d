/**
 * The kinds of service site the admin API accepts (`kind` of `POST /admin/sites`, stored as Location.type
 * text), as in the programme's site list.
 */
export const siteKinds = [
  'camp',
  'town',
  'village',
  'sub-district',
  'hospital',
  'primary-health-centre',
  'camp-clinic',
  'community-centre',
  'mobile-team',
] as const;

export type SiteKind = (typeof siteKinds)[number];

export function isSiteKind(value: string | undefined): value is SiteKind {
  return (siteKinds as readonly (string | undefined)[]).includes(value);
}

/** Organisation types offered when creating one (organization-type codes the admin API accepts). */
export const organizationTypes = ['prov', 'govt', 'other'] as const;

export type OrganizationType = (typeof organizationTypes)[number];

export function isOrganizationType(value: string | undefined): value is OrganizationType {
  return (organizationTypes as readonly (string | undefined)[]).includes(value);
}
