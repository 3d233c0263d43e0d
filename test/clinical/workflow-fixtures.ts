import type { EpisodeOfCare, Task } from '@medplum/fhirtypes';
import type { StaffRole } from '../../server/auth/principal.js';
import { fhirClient, type FhirResult, type TestAccount, type TestServer } from '../support/server.js';
import type { Fhir } from './fixtures.js';

export interface Member {
  account: TestAccount;
  fhir: Fhir;
  /** `Practitioner/{id}` */
  reference: string;
}

/** A member of staff of the test organisation at the test site (or as `input` says), logged in. */
export async function member(server: TestServer, role: StaffRole, input: { organization?: string; sites?: string[] } = {}): Promise<Member> {
  const account = await server.createAccount({ role, ...input });
  const token = (await server.login(account.username, account.password)).access_token;
  return { account, fhir: fhirClient(server.fhirBase, { Authorization: `Bearer ${token}` }), reference: `Practitioner/${account.practitionerId}` };
}

/** Changes one resource's status the three ways a client can: PUT, JSON Patch on /status, or a transaction entry. */
export type WriteWay = 'PUT' | 'PATCH' | 'transaction';
export const WRITE_WAYS: WriteWay[] = ['PUT', 'PATCH', 'transaction'];

// any: tests read resources loosely; each assertion states the shape it expects
export async function setStatus(fhir: Fhir, way: WriteWay, resource: EpisodeOfCare | Task, changes: Record<string, unknown> = {}): Promise<FhirResult<any>> {
  const path = `${resource.resourceType}/${resource.id}`;
  if (way === 'PUT') return fhir('PUT', path, { ...resource, ...changes });
  if (way === 'PATCH') {
    const ops = Object.entries(changes).map(([key, value]) => ({ op: 'add', path: `/${key}`, value }));
    return fhir('PATCH', path, ops, { 'Content-Type': 'application/json-patch+json' });
  }
  const res = await fhir('POST', '', {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [{ resource: { ...resource, ...changes }, request: { method: 'PUT', url: path } }],
  });
  // A refused transaction answers with the entry's OperationOutcome and status; a committed one with the entry's resource.
  return res.status === 200 ? { ...res, body: (await fhir('GET', path)).body } : res;
}

/** The codes an illegal move's OperationOutcome lists as allowed next states. */
export function allowedNextOf(outcome: { issue?: { details?: { coding?: { code?: string }[] } }[] }): string[] {
  return (outcome.issue?.[0]?.details?.coding ?? []).map((c) => c.code as string);
}
