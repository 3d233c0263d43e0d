import { expect } from 'vitest';
import { emptyDraft, patientFromDraft, type BeneficiaryDraft } from '../../../client/src/beneficiary/beneficiary-draft.js';
import { fhirClient, type TestAccount, type TestServer } from '../../support/server.js';

/** A beneficiary registered through the API by `account` (as the registration form would), for a journey to open; its id. */
export async function registerBeneficiary(server: TestServer, account: TestAccount, fields: Partial<BeneficiaryDraft>): Promise<string> {
  const tokens = await server.login(account.username, account.password);
  const fhir = fhirClient(server.fhirBase, { Authorization: `Bearer ${tokens.access_token}` });
  const created = await fhir('POST', 'Patient', patientFromDraft({ ...emptyDraft, ...fields }, new Date()));
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id as string;
}
