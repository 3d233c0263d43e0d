import http from 'node:http';
import type { OperationOutcome } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../server/auth/admin/create-organization.js';
import { createSystemClient } from '../../server/auth/admin/create-system-client.js';
import { currentTotpCode } from '../../server/auth/totp.js';
import { consentFor } from '../access/consents.js';
import { PSY } from '../access/world.js';
import { fhirClient } from '../support/server.js';
import { clientCredentials, newClientKey } from '../support/smart-client.js';
import { useTestServer } from '../support/suite.js';
import { awaitManifest, download, kickOff, poll, runExport } from './bulk-client.js';

/**
 * Bulk Data Access (Bulk Data IG v2, export.html) end to end over HTTP: kick-off, status, manifest, files.
 * Everything exported goes through the access rule of a search: a Directorate of Health gets only the
 * patients with an active Directorate-exchange Consent and their compartment, never PSY content; a
 * supervisor gets what they may read. Only the caller who started an export sees its status and files.
 */

// Two resources a window and three windows read at once: every export below reads its types as several
// windows, found ahead and read together, and must still hold exactly what the access rule allows.
const suite = useTestServer({ env: { EXPORT_PAGE_SIZE: '2', EXPORT_READERS: '3' } });
const SITE_EXT = 'https://hiwa.health/fhir/StructureDefinition/registration-site';
let migration: ReturnType<typeof fhirClient>;
let dohToken: string;
let otherClientToken: string;
let supervisorToken: string;
let adminFhir: ReturnType<typeof fhirClient>;

const ids = {} as {
  consented: string;
  unconsented: string;
  withdrawn: string;
  consentedObservation: string;
  consentedPsyCondition: string;
  unconsentedObservation: string;
  group: string;
  consentedGroup: string;
};

async function created(resource: Record<string, unknown>): Promise<string> {
  const res = await migration('POST', resource.resourceType as string, resource);
  if (res.status !== 201) throw new Error(`setup: ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

const patient = (family: string) => ({
  resourceType: 'Patient',
  name: [{ family, given: ['Export'] }],
  managingOrganization: { reference: `Organization/${suite.server.organizationId}` },
  extension: [{ url: SITE_EXT, valueReference: { reference: `Location/${suite.server.siteId}` } }],
});
const observation = (patientId: string, text: string, extra: Record<string, unknown> = {}) => ({
  resourceType: 'Observation',
  status: 'final',
  code: { coding: [{ system: 'urn:test', code: text }], text },
  subject: { reference: `Patient/${patientId}` },
  ...extra,
});

async function systemToken(clientId: string, organization: string): Promise<string> {
  const key = await newClientKey('ES384');
  await createSystemClient(suite.server.auth, {
    clientId,
    name: clientId,
    jwks: { keys: [key.publicJwk] },
    scopes: ['system/*.read'],
    organization,
  });
  const res = await clientCredentials({ clientId, key, tokenEndpoint: `${suite.server.origin}/oauth2/token`, scope: 'system/*.read' });
  if (res.status !== 200) throw new Error(`token refused: ${JSON.stringify(res.body)}`);
  return res.body.access_token as string;
}

beforeAll(async () => {
  const server = suite.server;
  migration = fhirClient(server.fhirBase, { Authorization: `Bearer ${await server.dataMigrationToken()}` });
  ids.consented = await created(patient('Consented'));
  ids.unconsented = await created(patient('Unconsented'));
  ids.withdrawn = await created(patient('Withdrawn'));
  await created({ ...consentFor({ patientId: ids.consented, purpose: 'doh-exchange' }) });
  await created({ ...consentFor({ patientId: ids.withdrawn, purpose: 'doh-exchange', status: 'inactive' }) });
  ids.consentedObservation = await created(observation(ids.consented, 'wellbeing'));
  await created(observation(ids.consented, 'sleep'));
  ids.consentedPsyCondition = await created({
    resourceType: 'Condition',
    meta: { security: [PSY] },
    code: { text: 'psychiatric diagnosis' },
    subject: { reference: `Patient/${ids.consented}` },
  });
  ids.unconsentedObservation = await created(observation(ids.unconsented, 'wellbeing'));
  await created(observation(ids.withdrawn, 'wellbeing'));
  ids.group = await created({
    resourceType: 'Group',
    type: 'person',
    actual: true,
    member: [{ entity: { reference: `Patient/${ids.consented}` } }, { entity: { reference: `Patient/${ids.unconsented}` } }],
  });
  ids.consentedGroup = await created({ resourceType: 'Group', type: 'person', actual: true, member: [{ entity: { reference: `Patient/${ids.consented}` } }] });

  const directorate = (await createOrganization(server.auth, { name: 'Directorate of Health (export test)', type: 'govt' })).id as string;
  dohToken = await systemToken('doh-export-test', directorate);
  otherClientToken = await systemToken('doh-other-test', directorate);
  supervisorToken = server.token;
  const admin = await server.createAccount({ role: 'admin', username: 'export.admin', sites: [] });
  const totp = admin.totp ? currentTotpCode(admin.totp.secret, new Date()) : undefined;
  adminFhir = fhirClient(server.fhirBase, { Authorization: `Bearer ${(await server.login(admin.username, admin.password, totp)).access_token}` });
}, 120_000);

const idsOf = (resources: Record<string, any>[] | undefined): string[] => (resources ?? []).map((r) => r.id as string).sort();

describe('kick-off (export.html#bulk-data-kick-off-request)', () => {
  it('needs Prefer: respond-async: 400 without it', async () => {
    const res = await kickOff(suite.server.fhirBase, dohToken, '$export', { prefer: '' });
    expect(res.status).toBe(400);
    expect(res.body.resourceType).toBe('OperationOutcome');
  });

  it('answers 202 with the status URL in Content-Location, and the status endpoint 202 with X-Progress and Retry-After', async () => {
    const res = await kickOff(suite.server.fhirBase, dohToken, 'Patient/$export?_type=Patient');
    expect(res.status).toBe(202);
    expect(res.statusUrl).toMatch(/\/fhir\/R4\/bulk-status\/[0-9a-f-]{36}$/);
    const first = await poll(res.statusUrl as string, dohToken);
    if (first.status === 202) {
      expect(first.headers.get('x-progress')).toBeTruthy();
      expect(Number(first.headers.get('retry-after'))).toBeGreaterThan(0);
    } else {
      expect(first.status).toBe(200); // it may already be done
    }
    await awaitManifest(res.statusUrl as string, dohToken);
  });

  it('refuses unknown and unsupported parameters with 400 naming them, and leaves them out under Prefer: handling=lenient', async () => {
    for (const query of ['_elements=Patient.name.family', 'includeAssociatedData=LatestProvenanceResources', 'foo=bar', '_outputFormat=text/csv', '_type=Nonsense', '_since=yesterday', '_typeFilter=Observation%3Fnonsense%3D1']) {
      const res = await kickOff(suite.server.fhirBase, dohToken, `Patient/$export?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.issue[0].expression, query).toEqual([query.split('=')[0]]);
      const lenient = await kickOff(suite.server.fhirBase, dohToken, `Patient/$export?_type=Patient&${query}`, { prefer: 'respond-async, handling=lenient' });
      expect(lenient.status, query).toBe(202);
      await awaitManifest(lenient.statusUrl as string, dohToken);
    }
    const patientAtSystemLevel = await kickOff(suite.server.fhirBase, dohToken, `$export?patient=Patient/${ids.consented}`);
    expect(patientAtSystemLevel.status).toBe(400);
  });

  it('accepts the three NDJSON output formats the IG names', async () => {
    for (const format of ['application/fhir+ndjson', 'application/ndjson', 'ndjson']) {
      const res = await kickOff(suite.server.fhirBase, dohToken, `Patient/$export?_type=Patient&_outputFormat=${encodeURIComponent(format)}`);
      expect(res.status, format).toBe(202);
      await awaitManifest(res.statusUrl as string, dohToken);
    }
  });
});

describe('kick-off headers and parameters the IG defines (export.html#query-parameters)', () => {
  it('refuses a kick-off without Accept (GET and POST), which the IG allows, naming the header', async () => {
    // node:http, because fetch always sends an Accept header of its own
    const send = (method: 'GET' | 'POST', body?: string) =>
      new Promise<{ status: number; body: Record<string, any> }>((resolve, reject) => {
        const headers: Record<string, string> = { Authorization: `Bearer ${dohToken}`, Prefer: 'respond-async' };
        if (body) Object.assign(headers, { 'Content-Type': 'application/fhir+json', 'Content-Length': String(Buffer.byteLength(body)) });
        const req = http.request(`${suite.server.fhirBase}/$export`, { method, headers }, (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text || '{}') as Record<string, any> }));
        });
        req.on('error', reject);
        req.end(body);
      });
    const parameters = JSON.stringify({ resourceType: 'Parameters', parameter: [{ name: '_type', valueString: 'Patient' }] });
    for (const res of [await send('GET'), await send('POST', parameters)]) {
      expect(res.status).toBe(400);
      expect(res.body.issue[0].expression).toEqual(['Accept']);
    }
  });

  it('refuses a _since in the future (GET and POST), even under lenient handling', async () => {
    const future = '2057-01-01T00:00:00+05:00';
    const get = await kickOff(suite.server.fhirBase, dohToken, `$export?_since=${encodeURIComponent(future)}`, { prefer: 'respond-async, handling=lenient' });
    expect(get.status).toBe(400);
    expect(get.body.issue[0].expression).toEqual(['_since']);
    const body = { resourceType: 'Parameters', parameter: [{ name: '_since', valueInstant: future }] };
    expect((await kickOff(suite.server.fhirBase, dohToken, '$export', { method: 'POST', body })).status).toBe(400);
  });

  it('_elements (GET, repeated, and POST): the elements asked for plus mandatory ones, marked SUBSETTED', async () => {
    const subsetted = { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'SUBSETTED' };
    const runs = [
      await runExport(suite.server.fhirBase, dohToken, '$export?_type=Patient,Observation&_elements=Patient.name,Observation.code'),
      await runExport(suite.server.fhirBase, dohToken, '$export?_type=Patient,Observation&_elements=Patient.name&_elements=Observation.code'),
      await runExport(suite.server.fhirBase, dohToken, '$export', {
        method: 'POST',
        body: {
          resourceType: 'Parameters',
          parameter: [
            { name: '_type', valueString: 'Patient,Observation' },
            { name: '_elements', valueString: 'Patient.name,Observation.code' },
          ],
        },
      }),
    ];
    for (const { resources } of runs) {
      const [patient] = resources.get('Patient') ?? [];
      expect(Object.keys(patient).sort()).toEqual(['id', 'meta', 'name', 'resourceType']);
      expect(patient.meta.tag).toContainEqual(subsetted);
      const observation = (resources.get('Observation') ?? [])[0];
      // status and code are mandatory in Observation: kept; subject was not asked for
      expect(Object.keys(observation).sort()).toEqual(['code', 'id', 'meta', 'resourceType', 'status']);
      expect(observation.meta.tag).toContainEqual(subsetted);
    }
  });

  it('an unqualified _elements entry applies to every type', async () => {
    const { resources } = await runExport(suite.server.fhirBase, dohToken, '$export?_type=Patient&_elements=gender');
    expect(Object.keys((resources.get('Patient') ?? [])[0]).sort()).toEqual(['id', 'meta', 'resourceType']);
  });

  it('includeAssociatedData, single, repeated or comma-separated: 400 naming it, pointing to _type=Provenance', async () => {
    for (const query of [
      'includeAssociatedData=LatestProvenanceResources',
      'includeAssociatedData=LatestProvenanceResources,RelevantProvenanceResources',
      'includeAssociatedData=LatestProvenanceResources&includeAssociatedData=RelevantProvenanceResources',
    ]) {
      const res = await kickOff(suite.server.fhirBase, dohToken, `$export?_type=Patient&${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.issue[0].expression).toEqual(['includeAssociatedData']);
      expect(res.body.issue[0].diagnostics).toMatch(/_type=Provenance/);
    }
  });

  it('under Prefer: handling=lenient, what was left out is an OperationOutcome in the manifest error file', async () => {
    const query = 'includeAssociatedData=LatestProvenanceResources,RelevantProvenanceResources&_typeFilter=Patient%3Fnonsense%3D1';
    const started = await kickOff(suite.server.fhirBase, dohToken, `$export?_type=Patient&${query}`, { prefer: 'respond-async, handling=lenient' });
    expect(started.status).toBe(202);
    const manifest = await awaitManifest(started.statusUrl as string, dohToken);
    expect(manifest.output.map((o) => o.type)).toEqual(['Patient']);
    expect(manifest.error).toEqual([{ type: 'OperationOutcome', url: expect.stringMatching(/OperationOutcome-1\.ndjson$/), count: 3 }]);
    const file = await download(manifest.error[0].url, dohToken);
    expect(file.status).toBe(200);
    const outcomes = file.text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>);
    expect(outcomes.map((o) => o.resourceType)).toEqual(['OperationOutcome', 'OperationOutcome', 'OperationOutcome']);
    expect(outcomes.map((o) => o.issue[0].expression[0])).toEqual(['includeAssociatedData', 'includeAssociatedData', '_typeFilter']);
    expect(outcomes[0].issue[0]).toMatchObject({ severity: 'warning', code: 'not-supported' });
  });
});

describe('downloads need scopes that cover the file', () => {
  it('a token of the same client without the type is refused (403); the token that covers it downloads', async () => {
    const key = await newClientKey('ES384');
    await createSystemClient(suite.server.auth, {
      clientId: 'doh-narrow-test',
      name: 'doh-narrow-test',
      jwks: { keys: [key.publicJwk] },
      scopes: ['system/*.read'],
      organization: (await createOrganization(suite.server.auth, { name: 'Directorate (download test)', type: 'govt' })).id as string,
    });
    const tokenFor = async (scope: string) =>
      (await clientCredentials({ clientId: 'doh-narrow-test', key, tokenEndpoint: `${suite.server.origin}/oauth2/token`, scope })).body.access_token as string;
    const wide = await tokenFor('system/*.read');
    const mine = await runExport(suite.server.fhirBase, wide, '$export?_type=Patient');
    const narrow = await tokenFor('system/Observation.read');
    const refused = await download(mine.manifest.output[0].url, narrow);
    expect(refused.status).toBe(403);
    expect(refused.contentType).toMatch(/^application\/json/);
    expect((await download(mine.manifest.output[0].url, wide)).status).toBe(200);
  });
});

describe('the Directorate of Health gets consented patients only, never PSY content', () => {
  it('system-level: the manifest, and files holding only the consented patient and their records', async () => {
    const { manifest, resources } = await runExport(suite.server.fhirBase, dohToken, '$export');
    expect(manifest.requiresAccessToken).toBe(true);
    expect(manifest.request).toBe(`${suite.server.fhirBase}/$export`);
    expect(Date.parse(manifest.transactionTime)).not.toBeNaN();
    expect(manifest.error).toEqual([]);
    expect(idsOf(resources.get('Patient'))).toEqual([ids.consented]);
    const observations = resources.get('Observation') ?? [];
    expect(observations.map((o) => o.subject.reference)).toEqual([`Patient/${ids.consented}`, `Patient/${ids.consented}`]);
    expect(resources.has('Condition')).toBe(false); // the consented patient's only Condition is PSY
    const everything = [...resources.values()].flat();
    expect(everything.some((r) => (r.meta?.security ?? []).some((s: { code: string }) => s.code === 'PSY'))).toBe(false);
    expect(resources.has('AuditEvent')).toBe(false);
    expect(resources.get('Organization')?.length).toBeGreaterThan(0); // the directory comes along
  });

  it('Patient-level with _type and _typeFilter', async () => {
    const { resources } = await runExport(
      suite.server.fhirBase,
      dohToken,
      `Patient/$export?_type=Patient,Observation&_typeFilter=${encodeURIComponent('Observation?code=urn:test|sleep')}`,
    );
    expect([...resources.keys()].sort()).toEqual(['Observation', 'Patient']);
    expect(resources.get('Observation')?.map((o) => o.code.text)).toEqual(['sleep']);
    expect(idsOf(resources.get('Patient'))).toEqual([ids.consented]);
  });

  it('Group-level: a Group naming a patient without consent is not the Directorate\'s (404); one of consented patients is', async () => {
    expect((await kickOff(suite.server.fhirBase, dohToken, `Group/${ids.group}/$export?_type=Patient,Observation`)).status).toBe(404);
    const { resources } = await runExport(suite.server.fhirBase, dohToken, `Group/${ids.consentedGroup}/$export?_type=Patient,Observation`);
    expect(idsOf(resources.get('Patient'))).toEqual([ids.consented]);
    expect(resources.get('Observation')?.every((o) => o.subject.reference === `Patient/${ids.consented}`)).toBe(true);
  });

  it('a POST with Parameters naming patients: a patient without consent stays out', async () => {
    const body = {
      resourceType: 'Parameters',
      parameter: [
        { name: '_type', valueString: 'Patient,Observation' },
        { name: 'patient', valueReference: { reference: `Patient/${ids.consented}` } },
        { name: 'patient', valueReference: { reference: `Patient/${ids.unconsented}` } },
      ],
    };
    const { resources } = await runExport(suite.server.fhirBase, dohToken, 'Patient/$export', { method: 'POST', body });
    expect(idsOf(resources.get('Patient'))).toEqual([ids.consented]);
  });

  it('_since: only what changed after the transaction time of the export before', async () => {
    const first = await runExport(suite.server.fhirBase, dohToken, 'Patient/$export?_type=Observation');
    const later = await created(observation(ids.consented, 'later'));
    await created(observation(ids.unconsented, 'later'));
    const since = encodeURIComponent(first.manifest.transactionTime);
    const laterUpdated = Date.parse(((await migration('GET', `Observation/${later}`)).body.meta as { lastUpdated: string }).lastUpdated);
    // An export holds back what changed after the oldest transaction still open when it started (other test
    // files share this database): `later` is in the first export whose transaction time has passed it.
    for (let attempt = 1; ; attempt++) {
      const { manifest, resources } = await runExport(suite.server.fhirBase, dohToken, `Patient/$export?_type=Observation&_since=${since}`);
      if (Date.parse(manifest.transactionTime) >= laterUpdated) {
        expect(idsOf(resources.get('Observation'))).toEqual([later]);
        return;
      }
      expect(idsOf(resources.get('Observation'))).toEqual([]);
      if (attempt === 20) throw new Error('no export passed the later observation in 20 attempts');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });
});

describe('a supervisor gets what they may read', () => {
  it('every patient of their site, PSY content included', async () => {
    const { resources } = await runExport(suite.server.fhirBase, supervisorToken, 'Patient/$export?_type=Patient,Condition');
    expect(idsOf(resources.get('Patient'))).toEqual(expect.arrayContaining([ids.consented, ids.unconsented, ids.withdrawn]));
    expect(idsOf(resources.get('Condition'))).toContain(ids.consentedPsyCondition);
  });
});

describe('only the client that asked', () => {
  it("refuses another client the status and the files (404), and a request without a token (401, in application/json as the IG asks)", async () => {
    const { statusUrl, manifest } = await runExport(suite.server.fhirBase, dohToken, 'Patient/$export?_type=Patient');
    expect((await poll(statusUrl, otherClientToken)).status).toBe(404);
    expect((await poll(statusUrl, supervisorToken)).status).toBe(404);
    for (const file of manifest.output) {
      const other = await download(file.url, otherClientToken);
      expect(other.status).toBe(404);
      expect(other.contentType).toMatch(/^application\/json/);
      const anonymous = await fetch(file.url);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('content-type')).toMatch(/^application\/json/);
    }
    const anonymousStatus = await fetch(statusUrl);
    expect(anonymousStatus.status).toBe(401);
    expect(anonymousStatus.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await anonymousStatus.json()) as OperationOutcome).issue[0].code).toBe('login');
    const del = await fetch(statusUrl, { method: 'DELETE', headers: { Authorization: `Bearer ${otherClientToken}` } });
    expect(del.status).toBe(404);
    expect((await poll(statusUrl, dohToken)).status).toBe(200);
  });
});

describe('cancel (export.html#bulk-data-delete-request)', () => {
  it('DELETE answers 202, then the status and files are gone (404)', async () => {
    const { statusUrl, manifest } = await runExport(suite.server.fhirBase, dohToken, 'Patient/$export?_type=Patient');
    const del = await fetch(statusUrl, { method: 'DELETE', headers: { Authorization: `Bearer ${dohToken}` } });
    expect(del.status).toBe(202);
    const after = await poll(statusUrl, dohToken);
    expect(after.status).toBe(404);
    expect(after.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await download(manifest.output[0].url, dohToken)).status).toBe(404);
    expect((await fetch(statusUrl, { method: 'DELETE', headers: { Authorization: `Bearer ${dohToken}` } })).status).toBe(404);
  });

  it('a queued or running export can be cancelled too', async () => {
    const res = await kickOff(suite.server.fhirBase, supervisorToken, '$export');
    const del = await fetch(res.statusUrl as string, { method: 'DELETE', headers: { Authorization: `Bearer ${supervisorToken}` } });
    expect(del.status).toBe(202);
    expect((await poll(res.statusUrl as string, supervisorToken)).status).toBe(404);
  });
});

describe('audit', () => {
  it('each export leaves AuditEvents: the kick-off, and the export itself with the patients it read', async () => {
    const request = 'Patient/$export?_type=Patient,Observation&_since=2000-01-01T00:00:00.000Z';
    await runExport(suite.server.fhirBase, dohToken, request);
    const exports = await adminFhir('GET', `AuditEvent?type=${encodeURIComponent('http://dicom.nema.org/resources/ontology/DCM|110106')}&_count=1000`);
    expect(exports.status).toBe(200);
    const queryOf = (e: Record<string, any>) =>
      (e.entity ?? []).map((x: Record<string, any>) => (x.query ? Buffer.from(x.query, 'base64').toString('utf8') : '')).join('');
    const events = (exports.body.entry ?? [])
      .map((e: { resource: Record<string, any> }) => e.resource)
      .filter((e: Record<string, any>) => e.agent[0].who.display === 'doh-export-test' && decodeURIComponent(queryOf(e)).endsWith(request));
    expect(events.length).toBeGreaterThan(0);
    const patients = events.flatMap((e: Record<string, any>) => (e.entity ?? []).map((x: Record<string, any>) => x.what?.reference)).filter(Boolean);
    expect(patients).toContain(`Patient/${ids.consented}`);
    expect(patients).not.toContain(`Patient/${ids.unconsented}`);
    // each patient once per export, not once per page and type
    expect(patients.filter((p: string) => p === `Patient/${ids.consented}`).length).toBe(1);
  });
});

describe('CapabilityStatement', () => {
  it('instantiates the Bulk Data CapabilityStatement and declares the three $export operations', async () => {
    const res = await fetch(`${suite.server.fhirBase}/metadata`);
    const cs = (await res.json()) as Record<string, any>;
    expect(cs.instantiates).toContain('http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data');
    const rest = cs.rest[0];
    expect(rest.operation).toContainEqual({ name: 'export', definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export' });
    const op = (type: string) => rest.resource.find((r: Record<string, any>) => r.type === type).operation;
    expect(op('Patient')).toContainEqual({ name: 'export', definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export' });
    expect(op('Patient')).toContainEqual({ name: 'everything', definition: 'http://hl7.org/fhir/OperationDefinition/Patient-everything' });
    expect(op('Group')).toContainEqual({ name: 'export', definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/group-export' });
  });

  it('names the token endpoint in the SMART oauth-uris extension on rest.security', async () => {
    const cs = (await (await fetch(`${suite.server.fhirBase}/metadata`)).json()) as Record<string, any>;
    expect(cs.rest[0].security.extension).toContainEqual({
      url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
      extension: [{ url: 'token', valueUri: `${suite.server.origin}/oauth2/token` }],
    });
  });
});
