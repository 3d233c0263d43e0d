import { describe, expect, it } from 'vitest';
import { buildAuditEvent } from '../../server/audit/audit-event.js';
import type { Principal } from '../../server/auth/principal.js';
import { loadDefinitions } from '../../server/fhir/definitions.js';
import { extractIndexRows } from '../../server/fhir/search/extract.js';

const caseworker: Principal = {
  kind: 'staff',
  userId: 'a1',
  username: 'cw',
  practitionerId: 'pr1',
  role: 'caseworker',
  organizationId: 'org1',
  siteIds: ['site1'],
};

describe('the AuditEvent of a large transaction', () => {
  it('names every created resource once and is indexed under each patient', () => {
    loadDefinitions();
    const patients = Array.from({ length: 20_000 }, (_, i) => `p${i}`);
    const observations = Array.from({ length: 5_000 }, (_, i) => `Observation/o${i}`);
    const event = buildAuditEvent({
      principal: caseworker,
      subtype: 'create',
      action: 'C',
      outcome: '0',
      recorded: '2026-12-05T00:00:00Z',
      patientIds: patients,
      resources: [...patients.map((id) => `Patient/${id}`), ...observations],
    });
    const named = (event.entity ?? []).map((e) => e.what?.reference);
    expect(named).toEqual([...patients.map((id) => `Patient/${id}`), ...observations]);

    const rows = extractIndexRows(event).reference;
    const patientRows = rows.filter((r) => r.param === 'patient').map((r) => r.targetId);
    expect(patientRows).toEqual(patients);
    expect(rows.filter((r) => r.param === 'entity')).toHaveLength(patients.length + observations.length);
  });
});
