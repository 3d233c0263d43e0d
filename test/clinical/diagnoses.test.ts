import { beforeAll, describe, expect, it } from 'vitest';
import { ICD10_SYSTEM } from '../../server/clinical/diagnosis.js';
import { SERVICE_TYPE_SYSTEM } from '../../server/clinical/service-encounter.js';
import { fhirClient } from '../support/server.js';
import { useTestServer } from '../support/suite.js';

/**
 * Diagnoses through the API: a Condition recorded in Hiwa is coded in ICD-10 (or ICD-11) — refused with a
 * 422 naming Condition.code otherwise, by create and transaction alike, leaving nothing behind — and carries
 * the PSY label the server sets, so a caseworker neither reads nor writes one.
 */
const suite = useTestServer();
let caseworker: ReturnType<typeof fhirClient>;
let psychiatrist: ReturnType<typeof fhirClient>;

async function clientFor(role: 'caseworker' | 'psychiatrist'): Promise<ReturnType<typeof fhirClient>> {
  const account = await suite.server.createAccount({ role });
  const { access_token } = await suite.server.login(account.username, account.password);
  return fhirClient(suite.server.fhirBase, { Authorization: `Bearer ${access_token}` });
}

async function patient(family: string): Promise<string> {
  const res = await suite.fhir('POST', 'Patient', { resourceType: 'Patient', name: [{ family, given: ['Test'] }], gender: 'female' });
  if (res.status !== 201) throw new Error(`setup: ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

const diagnosis = (patientId: string, code: Record<string, unknown> | undefined) => ({
  resourceType: 'Condition',
  clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
  ...(code === undefined ? {} : { code }),
  subject: { reference: `Patient/${patientId}` },
});
const icd10 = (code: string, display?: string) => ({ coding: [{ system: ICD10_SYSTEM, code, ...(display ? { display } : {}) }] });
const consultation = (patientId: string) => ({
  resourceType: 'Encounter',
  status: 'finished',
  class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
  serviceType: { coding: [{ system: SERVICE_TYPE_SYSTEM, code: 'psychiatric-consultation' }] },
  subject: { reference: `Patient/${patientId}` },
  period: { start: '2026-11-02T09:00:00Z', end: '2026-11-02T09:40:00Z' },
});
const stored = async (type: string, patientId: string) => (await suite.fhir('GET', `${type}?subject=Patient/${patientId}`)).body.entry ?? [];

beforeAll(async () => {
  caseworker = await clientFor('caseworker');
  psychiatrist = await clientFor('psychiatrist');
});

describe('a diagnosis (Condition)', () => {
  it.each([
    ['no code at all', undefined],
    ['words only', { text: 'low mood' }],
    ['another terminology', { coding: [{ system: 'http://snomed.info/sct', code: '35489007' }] }],
    ['ICD-10 with no code', { coding: [{ system: ICD10_SYSTEM, display: 'Moderate depressive episode' }] }],
  ])('with %s is refused (422 naming Condition.code), and nothing is stored', async (_what, code) => {
    const p = await patient('Uncoded');
    const res = await psychiatrist('POST', 'Condition', diagnosis(p, code));
    expect(res.status).toBe(422);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(res.body.issue[0].expression).toEqual(['Condition.code']);
    expect(await stored('Condition', p)).toEqual([]);
  });

  it('with a code that is no ICD-10 code is refused as such', async () => {
    const p = await patient('Misshapen');
    const res = await psychiatrist('POST', 'Condition', diagnosis(p, icd10('depression')));
    expect(res.status).toBe(422);
    expect(res.body.issue[0]).toMatchObject({ code: 'code-invalid', expression: ['Condition.code'] });
  });

  it('in a transaction with its consultation: the refusal names the entry and the consultation is not stored either', async () => {
    const p = await patient('Halfwritten');
    const res = await psychiatrist('POST', '', {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { fullUrl: 'urn:uuid:6f1c1b8e-0000-4000-8000-000000000001', request: { method: 'POST', url: 'Encounter' }, resource: consultation(p) },
        { request: { method: 'POST', url: 'Condition' }, resource: diagnosis(p, { text: 'depression' }) },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.body.issue[0].expression).toEqual(['Bundle.entry[1].resource.code']);
    expect(await stored('Encounter', p)).toEqual([]);
    expect(await stored('Condition', p)).toEqual([]);
  });

  it('coded in ICD-10 is stored with the PSY label the server adds; the psychiatrist reads it, the caseworker does not', async () => {
    const p = await patient('Diagnosed');
    const res = await psychiatrist('POST', 'Condition', diagnosis(p, icd10('F32.1', 'Moderate depressive episode')));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.meta.security).toEqual([expect.objectContaining({ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'PSY' })]);
    expect((await psychiatrist('GET', `Condition/${res.body.id}`)).status).toBe(200);
    expect((await caseworker('GET', `Condition/${res.body.id}`)).status).toBe(404);
    expect((await caseworker('GET', `Condition?subject=Patient/${p}`)).body.entry ?? []).toEqual([]);
    // the rest of the record stays the caseworker's
    expect((await caseworker('GET', `Patient/${p}`)).status).toBe(200);
  });

  it('coded in ICD-11 is accepted too (DESIGN.md: ICD-10 or ICD-11)', async () => {
    const p = await patient('Elevenths');
    const res = await psychiatrist('POST', 'Condition', diagnosis(p, { coding: [{ system: 'http://id.who.int/icd/release/11/mms', code: '6A70' }] }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  });

  it('recorded by a caseworker is refused (403): they could not read back what the server labels PSY', async () => {
    const p = await patient('Notforcaseworkers');
    const res = await caseworker('POST', 'Condition', diagnosis(p, icd10('F43.1')));
    expect(res.status).toBe(403);
    expect(await stored('Condition', p)).toEqual([]);
  });
});
