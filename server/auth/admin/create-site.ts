import type { Location } from '@medplum/fhirtypes';
import { z } from 'zod';
import { Repository } from '../../store/repository.js';
import type { AuthServices } from '../auth-services.js';
import { parseInput } from '../parse-input.js';
import { requireExisting } from './require-existing.js';

/** Kinds of service site (as in the programme's site list), as Location.type in v3 RoleCode. */
const siteKinds = {
  camp: { code: 'PTRES', display: 'Patient\'s Residence' },
  town: { code: 'COMM', display: 'Community Location' },
  hospital: { code: 'HOSP', display: 'Hospital' },
  'primary-health-centre': { code: 'PC', display: 'primary care clinic' },
  'community-centre': { code: 'COMM', display: 'Community Location' },
  'camp-clinic': { code: 'OF', display: 'Outpatient facility' },
  'sub-district': { code: 'COMM', display: 'Community Location' },
  village: { code: 'COMM', display: 'Community Location' },
  'mobile-team': { code: 'MOBL', display: 'Mobile Unit' },
} as const;

export const createSiteInput = z.object({
  name: z.string().trim().min(1).max(200),
  /** the managing Organization's id */
  organization: z.string().min(1),
  governorate: z.string().trim().min(1).max(100).optional(),
  kind: z.enum(Object.keys(siteKinds) as [keyof typeof siteKinds, ...(keyof typeof siteKinds)[]]).optional(),
});
export type CreateSiteInput = z.input<typeof createSiteInput>;

/** A service site is a Location managed by an Organization. */
export async function createSite(auth: AuthServices, input: CreateSiteInput): Promise<Location> {
  const s = parseInput(createSiteInput, input);
  const repo = new Repository(auth.pool, { clock: auth.clock });
  await requireExisting(repo, 'Organization', [s.organization], 'organization');
  const location: Location = {
    resourceType: 'Location',
    status: 'active',
    name: s.name,
    mode: 'instance',
    managingOrganization: { reference: `Organization/${s.organization}` },
    ...(s.kind
      ? { type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', ...siteKinds[s.kind] }], text: s.kind }] }
      : {}),
    ...(s.governorate ? { address: { state: s.governorate, country: 'IQ' } } : {}),
  };
  return (await repo.create(location)).resource;
}
