import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { badRequest } from '../../server/fhir/outcomes.js';
import { isDatabaseUnavailable } from '../../server/store/database-availability.js';

/** An error as node-postgres reports one the server sent: the SQLSTATE in `code`. */
const sqlState = (code: string, message = 'from the server') => Object.assign(new Error(message), { code });

/** The error a real connection attempt to a closed loopback port gives. */
async function connectionError(host: string): Promise<unknown> {
  const client = new pg.Client({ host, port: 1, user: 'nobody', database: 'none', connectionTimeoutMillis: 5000 });
  return client.connect().then(
    () => undefined,
    (err: unknown) => err,
  );
}

describe('a database out of reach', () => {
  it('is a refused connection, as node-postgres reports it for an address and for a name with several', async () => {
    expect(isDatabaseUnavailable(await connectionError('127.0.0.1'))).toBe(true);
    expect(isDatabaseUnavailable(await connectionError('localhost'))).toBe(true);
  });

  it('is a connection reset, cut or timed out, and a pooled client that lost its connection', () => {
    for (const code of ['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']) {
      expect(isDatabaseUnavailable(Object.assign(new Error(code), { code }))).toBe(true);
    }
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated due to connection timeout'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Client has encountered a connection error and is not queryable'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
  });

  it('is a server shutting down, crashed, starting up, out of connections, read-only, out of disk or memory, or any connection exception', () => {
    expect(isDatabaseUnavailable(sqlState('57P01', 'terminating connection due to administrator command'))).toBe(true);
    expect(isDatabaseUnavailable(sqlState('57P02', 'terminating connection due to crash of another server process'))).toBe(true);
    expect(isDatabaseUnavailable(sqlState('57P03', 'the database system is starting up'))).toBe(true);
    expect(isDatabaseUnavailable(sqlState('53300', 'sorry, too many clients already'))).toBe(true);
    expect(isDatabaseUnavailable(sqlState('25006', 'cannot execute INSERT in a read-only transaction'))).toBe(true);
    expect(isDatabaseUnavailable(sqlState('53100', 'could not extend file: No space left on device'))).toBe(true);
    expect(isDatabaseUnavailable(sqlState('53200', 'out of memory'))).toBe(true);
    for (const code of ['08000', '08003', '08006', '08001', '08004', '08P01']) expect(isDatabaseUnavailable(sqlState(code))).toBe(true);
  });

  it('is not a statement the database refused, nor any other error', () => {
    for (const code of ['42601', '23505', '22021', '40001', '40P01', '57014', '0800']) {
      expect(isDatabaseUnavailable(sqlState(code))).toBe(false);
    }
    expect(isDatabaseUnavailable(new Error('Connection string is invalid'))).toBe(false);
    expect(isDatabaseUnavailable(badRequest('no'))).toBe(false);
    expect(isDatabaseUnavailable(new AggregateError([new Error('x'), sqlState('ECONNREFUSED')]))).toBe(false);
    expect(isDatabaseUnavailable(new AggregateError([]))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
  });
});
