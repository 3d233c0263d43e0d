import type { Questionnaire } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { Repository } from '../../server/store/repository.js';
import { useTestServer } from '../support/suite.js';

const suite = useTestServer();

const form = (version: string): Questionnaire => ({ resourceType: 'Questionnaire', status: 'active', url: 'https://example.org/Questionnaire/remembered', version });

describe('lookups remembered for the rest of a transaction', () => {
  it('runs a lookup once per key within a transaction, and every time outside one', async () => {
    const repo = new Repository(suite.server.store.pool);
    let runs = 0;
    const lookup = async (): Promise<number> => ++runs;
    await repo.transaction(async (tx) => {
      expect(await tx.remembered('Questionnaire', 'a', lookup)).toBe(1);
      expect(await tx.asServer('another rule').remembered('Questionnaire', 'a', lookup)).toBe(1);
      expect(await tx.remembered('Questionnaire', 'b', lookup)).toBe(2);
    });
    expect(await repo.remembered('Questionnaire', 'a', lookup)).toBe(3);
    expect(await repo.remembered('Questionnaire', 'a', lookup)).toBe(4);
  });

  it('forgets what it remembered of a type once the transaction writes a resource of that type', async () => {
    const repo = new Repository(suite.server.store.pool);
    let runs = 0;
    const lookup = async (): Promise<number> => ++runs;
    await repo.transaction(async (tx) => {
      await tx.remembered('Questionnaire', 'form', lookup);
      await tx.remembered('Patient', 'someone', lookup);
      await tx.create(form('1.0.0'));
      expect(await tx.remembered('Questionnaire', 'form', lookup)).toBe(3);
      expect(await tx.remembered('Patient', 'someone', lookup)).toBe(2);
    });
  });

  it('does not remember a lookup that failed', async () => {
    const repo = new Repository(suite.server.store.pool);
    let runs = 0;
    await repo.transaction(async (tx) => {
      await expect(tx.remembered('Questionnaire', 'x', async () => Promise.reject(new Error(`failed ${++runs}`)))).rejects.toThrow('failed 1');
      expect(await tx.remembered('Questionnaire', 'x', async () => ++runs)).toBe(2);
    });
  });
});
