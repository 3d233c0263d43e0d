import { describe, expect, it } from 'vitest';
import { buildAuditEvent } from '../../server/audit/audit-event.js';
import type { Principal } from '../../server/auth/principal.js';
import { auditRow } from '../../server/store/audit-store.js';

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
  it('names every created resource once and is stored under each patient', () => {
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

    // the trail's search columns: patients (ids), entities (every reference), the agent
    const row = auditRow({ event, organizationId: 'org1' }, 'e1', '2026-12-05T00:00:01Z');
    expect(row.patientIds).toEqual(patients);
    expect(row.entities).toHaveLength(patients.length + observations.length);
    expect(row.agents).toEqual(['Practitioner/pr1']);
    expect(JSON.parse(row.content)).toMatchObject({ resourceType: 'AuditEvent', id: 'e1', meta: { versionId: '1' }, recorded: '2026-12-05T00:00:00Z' });
  });
});
