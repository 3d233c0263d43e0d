import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAuditEvent } from '../../server/audit/audit-event.js';
import type { Principal } from '../../server/auth/principal.js';
import { loadDefinitions } from '../../server/fhir/definitions.js';
import { archiveAuditMonth, ensureAuditPartitions } from '../../server/store/audit-partitions.js';
import { storeAuditRecords } from '../../server/store/audit-store.js';
import { migrate } from '../../server/store/migrate.js';
import { prepareContent } from '../../server/store/prepare.js';
import { writeVersions } from '../../server/store/resource-writes.js';
import { scratchDatabase } from '../support/scratch-database.js';
import { useTestServer } from '../support/suite.js';

/**
 * The audit trail's own table (audit_event, partitioned by month): served as FHIR AuditEvent through read,
 * vread, history and search as it was when events were resources; moved there by its migration; old months
 * taken out whole and written to a file, never dropped.
 */

const suite = useTestServer();
const month = new Date().toISOString().slice(0, 7);

describe('the trail served from its table', () => {
  it('answers searches by patient, agent, date, type, subtype, outcome and entity, and reads by id', async () => {
    const start = new Date(Date.now() - 1000).toISOString();
    const me = `Practitioner/${suite.server.account.practitionerId}`;
    const created = await suite.fhir('POST', 'Patient', { resourceType: 'Patient', name: [{ family: 'Trailtable' }] });
    const id = created.body.id as string;
    expect((await suite.fhir('GET', `Patient/${id}`)).status).toBe(200);
    expect((await suite.fhir('GET', 'Patient/no-such-patient')).status).toBe(404);

    const byPatient = await suite.fhir('GET', `AuditEvent?patient=${id}&_sort=date`);
    expect(byPatient.body.entry.map((e: { resource: { subtype: { code: string }[] } }) => e.resource.subtype[0].code)).toEqual(['create', 'read']);

    const failed = await suite.fhir('GET', `AuditEvent?agent=${me}&outcome=4&date=ge${start}`);
    expect(failed.body.entry).toHaveLength(1);
    expect(failed.body.entry[0].resource.entity[0].what.reference).toBe('Patient/no-such-patient');

    const typed = await suite.fhir(
      'GET',
      `AuditEvent?type=http://terminology.hl7.org/CodeSystem/audit-event-type|rest&subtype=read&patient=Patient/${id}&date=ge${start}&_summary=count`,
    );
    expect(typed.body.total).toBe(1);
    const notRead = await suite.fhir('GET', `AuditEvent?subtype:not=read&subtype:not=search-type&patient=${id}&_summary=count`);
    expect(notRead.body.total).toBe(1);

    const latest = await suite.fhir('GET', `AuditEvent?entity=${id}&subtype=read&_sort=-date&_count=1`);
    const event = latest.body.entry[0].resource as { id: string; subtype: { code: string }[]; meta: { versionId: string } };
    expect(event.subtype[0].code).toBe('read');
    expect(event.meta.versionId).toBe('1');

    const read = await suite.fhir('GET', `AuditEvent/${event.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(event);
    expect((await suite.fhir('GET', `AuditEvent/${event.id}/_history/1`)).body).toEqual(event);
    expect((await suite.fhir('GET', `AuditEvent/${event.id}/_history/2`)).status).toBe(404);
    expect((await suite.fhir('GET', `AuditEvent/${event.id}/_history`)).body.entry).toHaveLength(1);

    const withPatient = await suite.fhir('GET', `AuditEvent?_id=${event.id}&_include=AuditEvent:patient`);
    expect(withPatient.body.entry.map((e: { resource: { resourceType: string } }) => e.resource.resourceType).sort()).toEqual(['AuditEvent', 'Patient']);
    const revincluded = await suite.fhir('GET', `Patient?_id=${id}&_revinclude=AuditEvent:patient`);
    expect(revincluded.body.entry.filter((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'AuditEvent').length).toBeGreaterThanOrEqual(2);

    // stored in this month's partition
    const { rows } = await suite.server.store.pool.query<{ part: string }>('SELECT tableoid::regclass::text AS part FROM audit_event WHERE id = $1', [event.id]);
    expect(rows[0].part).toMatch(new RegExp(`audit_event_${month.replace('-', '_')}$`));
  }, 60_000);

  it('answers a search the trail is not indexed for with a 400 naming the parameter', async () => {
    const res = await suite.fhir('GET', 'AuditEvent?address=127.0.0.1');
    expect(res.status).toBe(400);
    expect(res.body.issue[0].expression).toEqual(['address']);
  });
});

const caseworker: Principal = {
  kind: 'staff',
  userId: 'u1',
  username: 'cw',
  practitionerId: 'pr1',
  role: 'caseworker',
  organizationId: 'org1',
  siteIds: ['s1'],
};

describe('the migration to the table', () => {
  it('moves AuditEvents stored as resources, with their search columns, and removes the old rows', async () => {
    loadDefinitions();
    const scratch = await scratchDatabase(10);
    try {
      const event = buildAuditEvent({
        principal: caseworker,
        subtype: 'read',
        action: 'R',
        outcome: '0',
        recorded: '2026-03-04T05:06:07.000Z',
        patientIds: ['p1'],
        resources: ['Patient/p1'],
      });
      const stored = prepareContent(event, 'old-event', 1, '2026-03-04T05:06:08.000Z', { organizationId: 'org1', trusted: true }).write;
      await writeVersions(scratch.db.pool, [stored]);
      await migrate(scratch.db.pool);

      const moved = await scratch.db.pool.query(
        `SELECT id, recorded, organization_id, patient_ids, agents, entities, subtype_code, outcome, tableoid::regclass::text AS part FROM audit_event`,
      );
      expect(moved.rows).toEqual([
        {
          id: 'old-event',
          recorded: new Date('2026-03-04T05:06:07.000Z'),
          organization_id: 'org1',
          patient_ids: ['p1'],
          agents: ['Practitioner/pr1'],
          entities: ['Patient/p1'],
          subtype_code: 'read',
          outcome: '0',
          part: expect.stringMatching(/audit_event_2026_03$/),
        },
      ]);
      const left = await scratch.db.pool.query(
        `SELECT (SELECT count(*) FROM resource WHERE resource_type = 'AuditEvent') + (SELECT count(*) FROM resource_history WHERE resource_type = 'AuditEvent')
           + (SELECT count(*) FROM sp_reference WHERE resource_type = 'AuditEvent') + (SELECT count(*) FROM sp_token WHERE resource_type = 'AuditEvent') AS n`,
      );
      expect(Number(left.rows[0].n)).toBe(0);
    } finally {
      await scratch.close();
    }
  }, 180_000);
});

describe('partitions and archiving', () => {
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let dir: string;
  beforeAll(async () => {
    scratch = await scratchDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hiwa-audit-archive-'));
  }, 180_000);
  afterAll(async () => {
    await scratch?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const eventIn = (recorded: string) => ({
    event: buildAuditEvent({ principal: caseworker, subtype: 'read', action: 'R', outcome: '0', recorded, resources: ['Patient/p1'], patientIds: ['p1'] }),
    organizationId: 'org1',
  });

  it('creates this month and the next ones once; a month whose events already sit in the default partition is named, not created', async () => {
    const pool = scratch.db.pool;
    await storeAuditRecords(pool, [eventIn('2025-06-10T00:00:00Z')], '2025-06-10T00:00:00Z'); // no partition yet: default
    expect(await ensureAuditPartitions(pool, new Date('2025-05-20T00:00:00Z'))).toEqual({ created: ['2025-05', '2025-07'], blocked: ['2025-06'] });
    expect(await ensureAuditPartitions(pool, new Date('2025-05-20T00:00:00Z'))).toEqual({ created: [], blocked: ['2025-06'] });
    await storeAuditRecords(pool, [eventIn('2025-05-21T00:00:00Z')], '2025-05-21T00:00:00Z');
    const parts = await pool.query<{ part: string }>(`SELECT tableoid::regclass::text AS part FROM audit_event ORDER BY recorded`);
    expect(parts.rows.map((r) => r.part.replace(/^.*\./, ''))).toEqual(['audit_event_2025_05', 'audit_event_default']);
  });

  it('archives a past month to a file and keeps its table; the trail no longer has it; nothing is overwritten', async () => {
    const pool = scratch.db.pool;
    const file = path.join(dir, '2025-05.ndjson');
    const archived = await archiveAuditMonth(pool, '2025-05', file, new Date('2025-08-01T00:00:00Z'));
    expect(archived).toMatchObject({ month: '2025-05', table: 'audit_archive_2025_05', events: 1 });
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    expect(JSON.parse(lines[0])).toMatchObject({ resourceType: 'AuditEvent', recorded: '2025-05-21T00:00:00Z' });
    expect((await pool.query(`SELECT count(*)::int AS n FROM audit_event WHERE recorded < '2025-06-01'`)).rows[0].n).toBe(0);
    expect((await pool.query('SELECT count(*)::int AS n FROM audit_archive_2025_05')).rows[0].n).toBe(1);
    await expect(archiveAuditMonth(pool, '2025-05', file, new Date('2025-08-01T00:00:00Z'))).rejects.toThrow(/EEXIST/);
    await expect(archiveAuditMonth(pool, '2025-08', path.join(dir, 'now.ndjson'), new Date('2025-08-01T00:00:00Z'))).rejects.toThrow(/not over/);
  });
});
