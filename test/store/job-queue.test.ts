import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../server/store/database.js';
import {
  cancelJob,
  claimJob,
  completeJob,
  enqueueJob,
  ownJob,
  releaseJob,
  renewLease,
  sweepJobs,
} from '../../server/store/job-queue.js';
import { migrate } from '../../server/store/migrate.js';

/**
 * The job queue's SQL on the embedded database and, with DATABASE_URL, on a PostgreSQL server: claims never
 * hand one job to two workers, a lease that runs out lets another worker take the job over as a new
 * attempt, and the worker that lost it can record nothing.
 */

const url = process.env.DATABASE_URL;
const schema = url ? `t_${randomBytes(6).toString('hex')}` : undefined;
let db: Database;
beforeAll(async () => {
  db = await openDatabase({ databaseUrl: url, schema, poolSize: 4 });
  await migrate(db.pool);
});
afterAll(async () => {
  await db.close();
  if (url && schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
});

const kind = () => `test-${randomUUID().slice(0, 8)}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('job queue', () => {
  it('hands each job to one worker, however many claim at once', async () => {
    const k = kind();
    for (let i = 0; i < 6; i++) await enqueueJob(db.pool, { id: randomUUID(), kind: k, owner: 'o', payload: { i } });
    const claims = await Promise.all(Array.from({ length: 10 }, (_, w) => claimJob(db.pool, [k], `w${w}`, 60)));
    const claimed = claims.filter((c) => c !== undefined).map((c) => c.id);
    expect(claimed.length).toBe(6);
    expect(new Set(claimed).size).toBe(6);
  });

  it('gives a job whose lease ran out to another worker as a new attempt; the first can no longer renew or complete it', async () => {
    const k = kind();
    const id = randomUUID();
    await enqueueJob(db.pool, { id, kind: k, owner: 'o', payload: {} });
    const first = await claimJob(db.pool, [k], 'w1', 1);
    expect(first?.attempt).toBe(1);
    expect(await claimJob(db.pool, [k], 'w2', 1)).toBeUndefined(); // still held
    await sleep(1300);
    const second = await claimJob(db.pool, [k], 'w2', 60);
    expect(second).toMatchObject({ id, attempt: 2, worker: 'w2' });
    expect(await renewLease(db.pool, first!, 60)).toBe(false);
    expect(await completeJob(db.pool, first!, { from: 'w1' }, 60)).toBe(false);
    expect(await renewLease(db.pool, second!, 60, 'half way')).toBe(true);
    expect((await ownJob(db.pool, id, k, 'o'))?.progress).toBe('half way');
    expect(await completeJob(db.pool, second!, { from: 'w2' }, 60)).toBe(true);
    const done = await ownJob(db.pool, id, k, 'o');
    expect(done).toMatchObject({ status: 'completed', attempt: 2, result: { from: 'w2' } });
    expect(await ownJob(db.pool, id, k, 'someone else')).toBeUndefined();
  });

  it('a released attempt is claimed again at once and does not count; a job past its attempts is failed by the sweep', async () => {
    const k = kind();
    const id = randomUUID();
    await enqueueJob(db.pool, { id, kind: k, owner: 'o', payload: {}, maxAttempts: 1 });
    const held = await claimJob(db.pool, [k], 'w1', 60);
    await releaseJob(db.pool, held!);
    const again = await claimJob(db.pool, [k], 'w2', 1);
    expect(again?.attempt).toBe(1);
    await sleep(1300);
    expect(await claimJob(db.pool, [k], 'w3', 60)).toBeUndefined(); // no attempts left
    await sweepJobs(db.pool, [k], 60);
    expect(await ownJob(db.pool, id, k, 'o')).toMatchObject({ status: 'failed', error: 'The job stopped 1 times without finishing' });
  });

  it('cancelled and expired jobs are hidden at once and deleted by the sweep', async () => {
    const k = kind();
    const [a, b] = [randomUUID(), randomUUID()];
    await enqueueJob(db.pool, { id: a, kind: k, owner: 'o', payload: {} });
    await enqueueJob(db.pool, { id: b, kind: k, owner: 'o', payload: {} });
    expect(await cancelJob(db.pool, a, k, 'someone else')).toBe(false);
    expect(await cancelJob(db.pool, a, k, 'o')).toBe(true);
    expect(await ownJob(db.pool, a, k, 'o')).toBeUndefined();
    expect(await cancelJob(db.pool, a, k, 'o')).toBe(false);
    const running = await claimJob(db.pool, [k], 'w', 60);
    expect(running?.id).toBe(b);
    expect(await completeJob(db.pool, running!, {}, 1)).toBe(true);
    await sleep(1300);
    expect(await ownJob(db.pool, b, k, 'o')).toBeUndefined();
    expect((await sweepJobs(db.pool, [k], 60)).sort()).toEqual([a, b].sort());
  });
});
