import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, jsonRequest } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { CORS_ORIGINS: 'https://app.hiwa.example, https://other.example', RATE_LIMIT_PER_MINUTE: '5' } });
});
afterAll(() => server.close());

describe('security headers (helmet)', () => {
  it('sends them on API and auth responses alike', async () => {
    for (const url of [`${server.origin}/healthz`, `${server.fhirBase}/metadata`, `${server.origin}/.well-known/smart-configuration`]) {
      const res = await fetch(url);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('strict-transport-security')).toContain('max-age=');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });
});

describe('CORS allowlist', () => {
  const preflight = (origin: string) =>
    fetch(`${server.fhirBase}/Patient`, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
    });

  it('allows a configured origin', async () => {
    const res = await preflight('https://app.hiwa.example');
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.hiwa.example');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
  });

  it('gives no CORS headers to any other origin', async () => {
    const res = await preflight('https://evil.example');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('per-token rate limit on the API', () => {
  it('answers 429 with an OperationOutcome and Retry-After past the limit, per token', async () => {
    const account = await server.createAccount();
    const { access_token } = await server.login(account.username, account.password);
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 6; i++) {
      last = await jsonRequest('GET', `${server.fhirBase}/Patient`, undefined, bearer(access_token));
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(last?.body.resourceType).toBe('OperationOutcome');
    expect(last?.body.issue[0].code).toBe('throttled');
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
    // another caller is not affected
    const other = await server.createAccount();
    const otherToken = (await server.login(other.username, other.password)).access_token;
    expect((await jsonRequest('GET', `${server.fhirBase}/Patient`, undefined, bearer(otherToken))).status).toBe(200);
  });
});

describe('no internals in responses', () => {
  it('an unknown route is an OperationOutcome, not an HTML page with a stack', async () => {
    const res = await jsonRequest('GET', `${server.origin}/auth/nothing-here`);
    expect(res.status).toBe(404);
    expect(res.body.resourceType).toBe('OperationOutcome');
  });
});
