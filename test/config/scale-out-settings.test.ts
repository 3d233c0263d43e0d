import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';

const primary = 'postgres://hiwa@db-primary:5432/hiwa';
const replica = 'postgres://hiwa@db-replica:5432/hiwa';

describe('settings for several processes and machines', () => {
  it('takes a read replica only beside its primary', () => {
    expect(loadConfig({ DATABASE_URL: primary, DATABASE_READ_URL: replica }).databaseReadUrl).toBe(replica);
    expect(() => loadConfig({ DATABASE_READ_URL: replica })).toThrow(/DATABASE_READ_URL/);
    expect(() => loadConfig({ DATABASE_URL: primary, DATABASE_READ_URL: 'db-replica' })).toThrow(/DATABASE_READ_URL/);
  });

  it('keeps a writer on the primary for 5 s unless told otherwise', () => {
    expect(loadConfig({}).readYourWritesMs).toBe(5000);
    expect(loadConfig({ READ_YOUR_WRITES_SECONDS: '0.5' }).readYourWritesMs).toBe(500);
    expect(() => loadConfig({ READ_YOUR_WRITES_SECONDS: '-1' })).toThrow(/READ_YOUR_WRITES_SECONDS/);
  });

  it('keeps 10 connections to PostgreSQL per process unless told otherwise, between 2 and 200', () => {
    expect(loadConfig({}).databasePoolSize).toBe(10);
    expect(loadConfig({ DATABASE_POOL_SIZE: '20' }).databasePoolSize).toBe(20);
    for (const bad of ['1', '201', 'many', '2.5']) expect(() => loadConfig({ DATABASE_POOL_SIZE: bad }), bad).toThrow(/DATABASE_POOL_SIZE/);
  });

  it('wants a metrics token long enough not to be guessed', () => {
    expect(loadConfig({}).metricsToken).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: 'x'.repeat(24) }).metricsToken).toBe('x'.repeat(24));
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
  });

  it('believes X-Forwarded-For from loopback by default, or from the proxies named', () => {
    expect(loadConfig({}).trustProxy).toEqual(['loopback']);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.1.2.3, 192.168.0.0/16, fd00::/8' }).trustProxy).toEqual([
      'loopback',
      '10.1.2.3',
      '192.168.0.0/16',
      'fd00::/8',
    ]);
    for (const bad of ['true', 'proxy.example.org', '10.0.0.0/33', '10.0.0.1/8/8', '']) {
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
    }
  });
});
