import type { Patient } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { Repository } from '../../server/store/repository.js';
import { prepared, SqlParams } from '../../server/store/sql.js';
import { useTestServer } from '../support/suite.js';

describe('statements prepared by name', () => {
  it('names a statement after its text: the same text, the same name, whatever the values', () => {
    const text = 'SELECT content FROM resource WHERE resource_type = $1 AND id = $2';
    const first = prepared(text, ['Patient', 'a']);
    const second = prepared(text, ['Observation', 'b']);
    expect(first.name).toBe(second.name);
    expect(first).toEqual({ name: first.name, text, values: ['Patient', 'a'] });
    expect(second.values).toEqual(['Observation', 'b']);
  });

  it('gives different texts different names (a connection must never run one under the other)', () => {
    const names = new Set(['SELECT 1', 'SELECT 2', 'SELECT  1', 'select 1'].map((t) => prepared(t, []).name));
    expect(names.size).toBe(4);
  });
});

describe('SQL parameters', () => {
  it('numbers the placeholders in order, with a cast where asked', () => {
    const p = new SqlParams();
    expect([p.add('x'), p.add(['a', 'b'], 'text[]')]).toEqual(['$1', '$2::text[]']);
    expect(p.values).toEqual(['x', ['a', 'b']]);
  });
});

describe('a read by id, as the API runs it', () => {
  const suite = useTestServer();

  it('is planned once per connection and then only bound: its statement stays prepared on the connection', async () => {
    const repo = new Repository(suite.server.store.pool);
    const id = (await repo.create<Patient>({ resourceType: 'Patient', name: [{ family: 'Prepared' }] })).resource.id as string;
    const prepares = await repo.transaction(async (tx) => {
      await tx.read('Patient', id);
      await tx.read('Patient', id);
      return tx.auditedAccess({ subtype: 'operation', action: 'E' }, async (db) =>
        (await db.query<{ name: string }>(`SELECT name FROM pg_prepared_statements WHERE statement LIKE 'SELECT r.version_id%'`)).rows,
      );
    });
    expect(prepares).toHaveLength(1);
  });
});
