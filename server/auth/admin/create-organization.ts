import type { Organization } from '@medplum/fhirtypes';
import { z } from 'zod';
import { Repository } from '../../store/repository.js';
import type { AuthServices } from '../auth-services.js';
import { parseInput } from '../parse-input.js';

const ORGANIZATION_TYPE = 'http://terminology.hl7.org/CodeSystem/organization-type';

export const createOrganizationInput = z.object({
  name: z.string().trim().min(1).max(200),
  /** organization-type code: prov (programme, partner CSO), govt (Directorate of Health), ... */
  type: z.enum(['prov', 'dept', 'team', 'govt', 'ins', 'pay', 'edu', 'reli', 'crs', 'cg', 'bus', 'other']).default('prov'),
  /** the id of a parent Organization */
  partOf: z.string().min(1).optional(),
});
export type CreateOrganizationInput = z.input<typeof createOrganizationInput>;

export async function createOrganization(auth: AuthServices, input: CreateOrganizationInput): Promise<Organization> {
  const o = parseInput(createOrganizationInput, input);
  const organization: Organization = {
    resourceType: 'Organization',
    active: true,
    name: o.name,
    type: [{ coding: [{ system: ORGANIZATION_TYPE, code: o.type }] }],
    ...(o.partOf ? { partOf: { reference: `Organization/${o.partOf}` } } : {}),
  };
  const repo = new Repository(auth.pool, { clock: auth.clock });
  return (await repo.create(organization)).resource;
}
