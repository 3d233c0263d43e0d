import type { Resource } from '@medplum/fhirtypes';
import type pg from 'pg';
import { findResources } from '../../server/clinical/find-resources.js';
import { installDefinitions } from '../../server/clinical/install-definitions.js';
import { serviceEncounterRule } from '../../server/clinical/service-encounter-rule.js';
import type { HiwaConfig } from '../../server/config.js';
import { scoringSettingsOf } from '../../server/http/questionnaire-setup.js';
import type { Logger } from '../../server/logger.js';
import { inTransaction } from '../../server/store/database.js';
import { Repository } from '../../server/store/repository.js';
import { loadDemoContext, type DemoActor, type DemoContext, type DemoSite } from '../demo-data/context.js';
import { demoPerson, registrarAt } from '../demo-data/people.js';
import { populationEntry } from '../demo-population/population.js';
import { largeRecords } from './large-records.js';

/** At least this many resources at scale 1: enough for the export and indicator benchmarks. */
export const LARGE_RESOURCES = 1_000_000;
/**
 * The large data set's people are numbered from here, so that their ids and case numbers never meet the
 * demo's (the hand-written forty and the generated caseload are numbered from 0).
 */
export const LARGE_FIRST_PERSON = 100_000;
/** Resources per transaction: big enough to spread each statement's cost, small enough to keep memory flat. */
const RESOURCES_PER_TRANSACTION = 2_000;

export interface LargeSeedOptions {
  pool: pg.Pool;
  config: Pick<HiwaConfig, 'srq20Cutoff'>;
  logger: Logger;
  now: Date;
  seed?: number;
  /** a share of LARGE_RESOURCES (tests use a small one) */
  scale: number;
  progress: (line: string) => void;
}

/** The database already holds this seed's large data set: its fixed ids would collide. */
export class LargeSeedRefused extends Error {}

export interface LargeSeedResult {
  patients: number;
  resources: number;
  seconds: number;
  perSecond: number;
}

/**
 * The benchmark data set, after the full demo's accounts: beneficiaries of the generated caseload (see
 * largeRecords) until at least `scale` × LARGE_RESOURCES resources are written. Written through the
 * repository's bulk path: `createMany` in transactions of about two thousand resources, each as the member
 * of staff holding the case (validated, indexed, access columns worked out, the session rule applied), not
 * one request per resource. Scores come from the scoring module rather than from the write rule, which would
 * look each response's form up one at a time. No AuditEvents: this is loading, not use.
 */
export async function seedLarge(options: LargeSeedOptions): Promise<LargeSeedResult> {
  const started = performance.now();
  const { pool, now, progress } = options;
  const context = await loadDemoContext(new Repository(pool), pool, now, { seed: options.seed });
  if (context === undefined) throw new Error('the large profile needs the demo accounts (seeded first by the same command)');
  const first = demoPerson(context, populationEntry(context, 0), LARGE_FIRST_PERSON).patient.id;
  if ((await findResources(new Repository(pool), 'Patient', [['_id', first]], 1)).length > 0) {
    throw new LargeSeedRefused('this database already holds the large profile of this seed');
  }
  await installDefinitions(new Repository(pool, { clock: () => now }), options.logger);
  const settings = scoringSettingsOf(options.config);
  const target = Math.max(1, Math.round(LARGE_RESOURCES * options.scale));
  let patients = 0;
  let resources = 0;
  let reported = 0;
  while (resources < target) {
    const batch = new Map<DemoActor, Resource[]>();
    let size = 0;
    while (size < RESOURCES_PER_TRANSACTION && resources + size < target) {
      const entry = populationEntry(context, patients);
      const records = largeRecords(context, entry, LARGE_FIRST_PERSON + patients, settings);
      // Whoever holds the case at the end writes it (they may read all of it); the registrar while it waits.
      const holder = entry.manager ?? entry.transferredTo ?? registrarAt(context, siteNamed(context, entry.site));
      batch.set(holder, [...(batch.get(holder) ?? []), ...records]);
      size += records.length;
      patients++;
    }
    await writeBatch(pool, context, batch);
    resources += size;
    if (resources - reported >= 50_000 || resources >= target) {
      reported = resources;
      const seconds = (performance.now() - started) / 1000;
      progress(`${resources.toLocaleString('en')} resources (${patients.toLocaleString('en')} beneficiaries), ${Math.round(resources / seconds)} resources/s`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return { patients, resources, seconds: Math.round(seconds * 10) / 10, perSecond: Math.round(resources / seconds) };
}

function siteNamed(context: DemoContext, name: string): DemoSite {
  const site = context.sites.get(name);
  if (site === undefined) throw new Error(`large data: no site named ${name}`);
  return site;
}

async function writeBatch(pool: pg.Pool, context: DemoContext, batch: Map<DemoActor, Resource[]>): Promise<void> {
  await inTransaction(pool, async (client) => {
    for (const [actor, resources] of batch) {
      const repo = Repository.inOpenTransaction(client, { clock: () => context.now, principal: context.staff[actor].principal, rules: [serviceEncounterRule] });
      await repo.createMany(resources, resources.map((r) => r.id as string));
    }
  });
}
