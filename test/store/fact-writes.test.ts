import { describe, expect, it } from 'vitest';
import { emptyIndexRows, type IndexRows } from '../../server/fhir/search/index-rows.js';
import { serviceFactOf, type StoredVersion } from '../../server/store/fact-writes.js';

const SERVICE_TYPE = 'https://hiwa.health/fhir/CodeSystem/service-type';

function encounterVersion(index: Partial<IndexRows>, overrides: Partial<StoredVersion> = {}): StoredVersion {
  return { resourceType: 'Encounter', id: 'e1', versionId: 1, deleted: false, organizationId: 'org-1', index: { ...emptyIndexRows(), ...index }, ...overrides };
}

const service = { param: 'service-type', system: SERVICE_TYPE, code: 'pfa', text: null };
const start = { param: 'date', low: '2026-01-10T09:00:00.000Z', high: '2026-01-10T10:00:00.000Z' };
const ref = (param: string, targetType: string, targetId: string) => ({ param, targetType, targetId, targetUrl: null });

describe('the service fact of a stored Encounter version', () => {
  it('takes who, when, what, where and by whom from the index rows its searches use', () => {
    const fact = serviceFactOf(
      encounterVersion({
        token: [service, { param: 'class', system: 'x', code: 'AMB', text: null }],
        date: [start],
        reference: [ref('subject', 'Patient', 'p1'), ref('location', 'Location', 'site-b'), ref('location', 'Location', 'site-a'), ref('service-provider', 'Organization', 'partner')],
      }),
    );
    expect(fact).toEqual({
      encounterId: 'e1',
      patientId: 'p1',
      at: start.low,
      serviceType: 'pfa',
      // one service is counted at one site: the first by id, as before
      siteId: 'site-a',
      providerOrganizationId: 'partner',
      recorderOrganizationId: 'org-1',
    });
  });

  it('is a meeting (no patient) when the Encounter has no Patient subject', () => {
    expect(serviceFactOf(encounterVersion({ token: [service], date: [start], reference: [ref('subject', 'Group', 'g1')] }))?.patientId).toBeNull();
  });

  it('is none for a deletion, another type, an Encounter of no Hiwa service or one without a start', () => {
    expect(serviceFactOf(encounterVersion({ token: [service], date: [start] }, { deleted: true, index: null }))).toBeUndefined();
    expect(serviceFactOf(encounterVersion({ token: [service], date: [start] }, { resourceType: 'Observation' }))).toBeUndefined();
    expect(serviceFactOf(encounterVersion({ token: [{ ...service, system: 'http://example.org/other' }], date: [start] }))).toBeUndefined();
    expect(serviceFactOf(encounterVersion({ token: [service], date: [{ ...start, low: '-infinity' }] }))).toBeUndefined();
    expect(serviceFactOf(encounterVersion({ token: [service] }))).toBeUndefined();
  });
});
