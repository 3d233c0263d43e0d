import { describe, expect, it } from 'vitest';
import { useTestServer } from '../support/suite.js';

const token = 'scraper-token-0123456789abcdef';

/** The value of one series in Prometheus' text format, or undefined when the series is not there. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${name}{`) && wanted.every((w) => l.slice(0, l.indexOf('}')).includes(w)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('/metrics with METRICS_TOKEN set', () => {
  const suite = useTestServer({ env: { METRICS_TOKEN: token } });
  const fhir = suite.fhir;
  const scrape = (headers: Record<string, string> = {}) => fetch(`${suite.server.origin}/metrics`, { headers });

  it('answers 401 with a Bearer challenge without a token', async () => {
    const res = await scrape();
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await res.text()).not.toContain('hiwa_http_requests_total');
  });

  it('answers 403 to another token, a staff access token included', async () => {
    expect((await scrape({ Authorization: 'Bearer not-the-metrics-token-at-all' })).status).toBe(403);
    expect((await scrape({ Authorization: `Bearer ${suite.server.token}` })).status).toBe(403);
  });

  it('serves counts and latencies by route class, the pools and the event loop to the token', async () => {
    const created = await fhir('POST', 'Patient', { resourceType: 'Patient', name: [{ family: 'Metrics' }] });
    expect(created.status).toBe(201);
    expect((await fhir('GET', `Patient/${created.body.id}`)).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await fhir('GET', 'Patient?family=Metrics')).status).toBe(200);
    expect((await fhir('GET', 'Patient/no-such-patient')).status).toBe(404);

    const res = await scrape({ Authorization: `Bearer ${token}` });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(sample(text, 'hiwa_http_requests_total', { route: 'fhir-search', method: 'GET', status: '200' })).toBe(3);
    expect(sample(text, 'hiwa_http_requests_total', { route: 'fhir-write', method: 'POST', status: '201' })).toBe(1);
    expect(sample(text, 'hiwa_http_requests_total', { route: 'fhir-read', method: 'GET', status: '200' })).toBe(1);
    expect(sample(text, 'hiwa_http_requests_total', { route: 'fhir-read', method: 'GET', status: '404' })).toBe(1);
    expect(sample(text, 'hiwa_http_request_duration_seconds_count', { route: 'fhir-search', method: 'GET', status: '200' })).toBe(3);
    expect(sample(text, 'hiwa_http_request_duration_seconds_bucket', { route: 'fhir-search', le: '+Inf' })).toBe(3);
    // no series is named after a path: ids never become labels
    expect(text).not.toContain(created.body.id);
    expect(sample(text, 'hiwa_db_pool_clients', { pool: 'primary' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'hiwa_db_pool_idle_clients', { pool: 'primary' })).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'hiwa_db_pool_waiting_requests', { pool: 'primary' })).toBe(0);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d/m);
  });
});

describe('/metrics without METRICS_TOKEN', () => {
  const suite = useTestServer();

  it('answers a client on this host', async () => {
    const res = await fetch(`${suite.server.origin}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('hiwa_db_pool_clients');
  });

  it('refuses a client that a proxy on this host forwarded from elsewhere', async () => {
    const res = await fetch(`${suite.server.origin}/metrics`, { headers: { 'X-Forwarded-For': '203.0.113.7' } });
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('hiwa_db_pool_clients');
  });
});
