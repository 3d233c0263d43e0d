import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSystemClient } from '../../server/auth/admin/create-system-client.js';
import { jsonRequest } from '../support/http.js';
import { fhirClient, startTestServer, type TestServer } from '../support/server.js';
import { clientCredentials, newClientKey, type ClientKey } from '../support/smart-client.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

/**
 * While PostgreSQL restarts, every request that needs it answers 503 with Retry-After and a transient
 * OperationOutcome, the log says so once, and once the database is back requests succeed again without
 * anyone restarting the server. The outage is made by a TCP proxy between this suite's server and the
 * PostgreSQL server, so the database everyone else uses stays up.
 */

const target = process.env.DATABASE_URL;

describe.skipIf(!target)('a database outage (PostgreSQL only; skipped on the embedded database, which cannot become unreachable)', () => {
  let proxy: TcpProxy;
  let server: TestServer;
  let fhir: ReturnType<typeof fhirClient>;
  let systemKey: ClientKey;
  let patientId: string;
  const logged: { level: number; msg: string; refusedRequests?: number }[] = [];
  const logSink = new Writable({
    write(line: Buffer, _encoding, done) {
      logged.push(JSON.parse(line.toString('utf8')) as (typeof logged)[number]);
      done();
    },
  });
  const said = (msg: string) => logged.filter((l) => l.msg === msg);
  const WARN = 40;
  const INFO = 30;

  beforeAll(async () => {
    const url = new URL(target as string);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    server = await startTestServer({ databaseUrl: url.toString(), logger: pino({ level: 'info' }, logSink) });
    fhir = fhirClient(server.fhirBase);
    systemKey = await newClientKey('ES384');
    await createSystemClient(server.auth, { clientId: 'outage-client', name: 'Outage', jwks: { keys: [systemKey.publicJwk] }, scopes: ['system/*.read'] });
    const created = await fhir('POST', 'Patient', { resourceType: 'Patient', name: [{ family: 'Outage' }] });
    expect(created.status).toBe(201);
    patientId = created.body.id as string;
  }, 120_000);

  afterAll(async () => {
    await proxy?.restore().catch(() => undefined); // the server's schema is dropped through it
    await server?.close();
    await proxy?.close();
  });

  const expectTransient = (res: { status: number; headers: Headers; body: { resourceType?: string; issue?: { code: string }[] } }) => {
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(res.body.issue?.[0].code).toBe('transient');
  };

  it('answers 503 transient with Retry-After to reads, searches, writes, token checks and logins while it is gone', async () => {
    await proxy.cut();
    // The token check is the first thing each FHIR request asks of the database.
    const reads = await Promise.all(Array.from({ length: 5 }, () => fhir('GET', `Patient/${patientId}`)));
    reads.forEach(expectTransient);
    expectTransient(await fhir('GET', 'Patient?family=Outage'));
    expectTransient(await fhir('POST', 'Patient', { resourceType: 'Patient', name: [{ family: 'Lost' }] }));
    expectTransient(await jsonRequest('POST', `${server.origin}/auth/login`, { username: server.account.username, password: server.account.password }));
    const health = await jsonRequest('GET', `${server.origin}/healthz`);
    expect(health.status).toBe(503);
  });

  it('answers the token endpoint 503 temporarily_unavailable, in OAuth terms', async () => {
    const res = await clientCredentials({ clientId: 'outage-client', key: systemKey, tokenEndpoint: `${server.origin}/oauth2/token`, scope: 'system/Patient.read' });
    expect(res.status).toBe(503);
    expect(res.body.error).toBe('temporarily_unavailable');
  });

  it('logs the outage once, as a warning, and no request failure with a stack', () => {
    expect(said('database unavailable: answering 503 until it is back')).toEqual([expect.objectContaining({ level: WARN })]);
    expect(said('request failed')).toEqual([]);
    expect(said('token request failed')).toEqual([]);
  });

  it('serves again by itself once the database is back, and logs that the outage ended', async () => {
    await proxy.restore();
    const read = await fhir('GET', `Patient/${patientId}`);
    expect(read.status).toBe(200);
    expect(read.body.name[0].family).toBe('Outage');
    const created = await fhir('POST', 'Patient', { resourceType: 'Patient', name: [{ family: 'Afterwards' }] });
    expect(created.status).toBe(201);
    // five reads, a search, a create, a login, a token request (/healthz answers for itself)
    expect(said('database available again')).toEqual([expect.objectContaining({ level: INFO, refusedRequests: 9 })]);
  });

  it('logs a second outage as a new one', async () => {
    await proxy.cut();
    expectTransient(await fhir('GET', `Patient/${patientId}`));
    await proxy.restore();
    expect((await fhir('GET', `Patient/${patientId}`)).status).toBe(200);
    expect(said('database unavailable: answering 503 until it is back')).toHaveLength(2);
    expect(said('database available again')).toHaveLength(2);
  });
});
