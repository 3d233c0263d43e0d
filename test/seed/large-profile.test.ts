import type { Observation, Patient, Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoContext, type DemoContext } from '../../seed/demo-data/context.js';
import { populationEntry } from '../../seed/demo-population/population.js';
import { largeRecords } from '../../seed/large/large-records.js';
import { LARGE_FIRST_PERSON, LARGE_RESOURCES, LargeSeedRefused, seedLarge, type LargeSeedResult } from '../../seed/large/seed-large.js';
import { parseScoringSettings } from '../../questionnaires/index.js';
import { createLogger } from '../../server/logger.js';
import { Repository } from '../../server/store/repository.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * `npm run seed -- --profile large`, at a small scale: the same bulk path as the million, in transactions of
 * about two thousand resources, with the resources a pure function of (seed, index).
 */

const NOW = new Date('2026-03-02T12:00:00Z');
const SCALE = 0.0015; // 1,500 resources
const settings = parseScoringSettings({ srq20Cutoff: 8 });
const PHQ9_TOTAL = '44261-6';

let server: TestServer;
let context: DemoContext;
let result: LargeSeedResult;
const lines: string[] = [];

const seed = (): Promise<LargeSeedResult> =>
  seedLarge({ pool: server.store.pool, config: { srq20Cutoff: 8 }, logger: createLogger('silent'), now: NOW, scale: SCALE, progress: (l) => lines.push(l) });

beforeAll(async () => {
  server = await startTestServer({ demo: { population: 0 }, clock: () => NOW });
  const loaded = await loadDemoContext(new Repository(server.store.pool), server.store.pool, NOW);
  if (loaded === undefined) throw new Error('the demo accounts are missing');
  context = loaded;
  result = await seed();
}, 900_000);
afterAll(() => server?.close());

const stored = async (type: string, ids: string[]): Promise<Resource[]> =>
  (await server.store.pool.query<{ content: string }>('SELECT content FROM resource WHERE resource_type = $1 AND id = ANY($2)', [type, ids])).rows.map(
    (r) => JSON.parse(r.content) as Resource,
  );
const withoutMeta = ({ meta: _meta, ...rest }: Resource): Omit<Resource, 'meta'> => rest;

describe('the large profile', () => {
  it('writes at least its share of a million resources, and says how fast', () => {
    expect(result.resources).toBeGreaterThanOrEqual(LARGE_RESOURCES * SCALE);
    expect(result.resources).toBeLessThan(LARGE_RESOURCES * SCALE + 100);
    expect(result.patients).toBeGreaterThan(30);
    expect(lines.at(-1)).toMatch(/^1,5\d\d resources \(\d+ beneficiaries\), \d+ resources\/s$/);
  });

  it('generates the same resources from the same seed and others from another', async () => {
    const records = (c: DemoContext, i: number): Resource[] => largeRecords(c, populationEntry(c, i), LARGE_FIRST_PERSON + i, settings);
    expect(records(context, 3)).toEqual(records(context, 3));
    const other = await loadDemoContext(new Repository(server.store.pool), server.store.pool, NOW, { seed: 8 });
    if (other === undefined) throw new Error('the demo accounts are missing');
    expect((records(other, 3)[0] as Patient).name).not.toEqual((records(context, 3)[0] as Patient).name);
  });

  it('stores exactly what it generated, scores included', async () => {
    for (const i of [0, 7, 19]) {
      const generated = largeRecords(context, populationEntry(context, i), LARGE_FIRST_PERSON + i, settings);
      for (const type of new Set(generated.map((r) => r.resourceType))) {
        const mine = generated.filter((r) => r.resourceType === type);
        const rows = await stored(type, mine.map((r) => r.id as string));
        const byId = (a: { id?: string }, b: { id?: string }): number => String(a.id).localeCompare(String(b.id));
        expect(rows.map(withoutMeta).sort(byId), `${type} of person ${i}`).toEqual(mine.map(withoutMeta).sort(byId));
      }
    }
  });

  it('gives each beneficiary a record: consent, case, sessions and scored screenings', async () => {
    const types = await server.store.pool.query<{ resource_type: string; n: string }>(
      `SELECT resource_type, count(*) AS n FROM resource WHERE resource_type IN ('Patient', 'Consent', 'EpisodeOfCare', 'Encounter', 'QuestionnaireResponse', 'Observation') GROUP BY 1`,
    );
    const count = new Map(types.rows.map((r) => [r.resource_type, Number(r.n)]));
    const patients = (count.get('Patient') ?? 0) - (server.demoData?.patients ?? 0); // the hand-written demo is there too
    expect(patients).toBe(result.patients);
    expect(count.get('EpisodeOfCare')).toBeGreaterThanOrEqual(result.patients);
    expect(count.get('Encounter')).toBeGreaterThan(3 * result.patients);
    const phq9 = await server.store.pool.query<{ content: string }>(
      `SELECT content FROM resource WHERE resource_type = 'Observation' AND content LIKE $1 LIMIT 5`,
      [`%"code":"${PHQ9_TOTAL}"%`],
    );
    for (const row of phq9.rows) {
      const o = JSON.parse(row.content) as Observation;
      expect(o.derivedFrom?.[0]?.reference).toMatch(/^QuestionnaireResponse\//);
      expect(o.valueInteger).toBeGreaterThanOrEqual(0);
    }
    expect(phq9.rows.length).toBe(5);
  });

  it('refuses to write the same seed’s data set twice', async () => {
    await expect(seed()).rejects.toBeInstanceOf(LargeSeedRefused);
  });
});
