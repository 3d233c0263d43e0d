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

describe('work for the end of a transaction', () => {
  it('runs once per key, the latest asked for, after the transaction body and before its commit', async () => {
    const repo = new Repository(suite.server.store.pool);
    const done: string[] = [];
    await repo.transaction(async (tx) => {
      await tx.atCommit('access of task 1', async () => void done.push('first'));
      await tx.atCommit('access of task 2', async () => void done.push('other'));
      await tx.atCommit('access of task 1', async () => void done.push('latest'));
      done.push('body');
    });
    expect(done).toEqual(['body', 'latest', 'other']);
  });

  it('undoes the transaction when the work fails', async () => {
    const repo = new Repository(suite.server.store.pool);
    let id: string | undefined;
    await expect(
      repo.transaction(async (tx) => {
        id = (await tx.create(form('9.9.9'))).resource.id;
        await tx.atCommit('fails', async () => Promise.reject(new Error('the work failed')));
      }),
    ).rejects.toThrow('the work failed');
    await expect(repo.read('Questionnaire', id as string)).rejects.toMatchObject({ status: 404 });
  });

  it('forgets work asked for in a part of the transaction that was undone', async () => {
    const repo = new Repository(suite.server.store.pool);
    const done: string[] = [];
    await repo.transaction(async (tx) => {
      await tx
        .transaction(async (part) => {
          await part.atCommit('undone', async () => void done.push('undone'));
          throw new Error('this part fails');
        }, { isolated: true })
        .catch(() => undefined);
      await tx.atCommit('kept', async () => void done.push('kept'));
    });
    expect(done).toEqual(['kept']);
  });

  it('is done at once outside a transaction', async () => {
    const repo = new Repository(suite.server.store.pool);
    const done: string[] = [];
    await repo.atCommit('now', async () => void done.push('now'));
    expect(done).toEqual(['now']);
  });
});
