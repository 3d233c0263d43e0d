import type { Patient } from '@medplum/fhirtypes';
import type pg from 'pg';
import { findResources } from '../server/clinical/find-resources.js';
import { caseWorkflowRules } from '../server/clinical/case-workflow-rules.js';
import { followUpRules } from '../server/clinical/follow-up-rules.js';
import { installDefinitions } from '../server/clinical/install-definitions.js';
import { instrumentRules } from '../server/clinical/instrument-rules.js';
import type { HiwaConfig } from '../server/config.js';
import { scoringSettingsOf } from '../server/http/questionnaire-setup.js';
import type { Logger } from '../server/logger.js';
import { inTransaction } from '../server/store/database.js';
import { Repository } from '../server/store/repository.js';
import { loadDemoContext } from './demo-data/context.js';
import { DEMO_DATA_TAG } from './demo-data/people.js';
import { demoPlan } from './demo-data/plan.js';
import { writeSteps } from './demo-data/steps.js';

export interface DemoDataOptions {
  pool: pg.Pool;
  config: Pick<HiwaConfig, 'srq20Cutoff' | 'caseReopenDays' | 'reassessmentIntervalDays' | 'reassessmentInstruments' | 'referralFollowUpDays'>;
  logger: Logger;
  /** the seed's "now": every date of the demo is set back from it */
  now?: Date;
  /** generated beneficiaries around the hand-written ones (the full demo: the DEMO_POPULATION setting); none by default */
  population?: number;
  /** changes every generated name, date, answer and id (default DEMO_SEED) */
  seed?: number;
}


export interface DemoDataResult {
  patients: number;
  /** resources the demo staff recorded (the scores, Flags and Tasks the rules added come on top) */
  recorded: number;
  milliseconds: number;
}

/**
 * Demo mode's clinical data, after the demo accounts: some forty hand-written beneficiaries at the demo sites
 * with consents, cases, sessions over the last months, repeated screenings, a few suicide-risk alerts (one
 * reviewed, with a safety plan, a referral and a psychiatric diagnosis), and, for the full demo,
 * `population` generated people over eighteen months at every site (demo-population/), all written through the repository
 * as the member of staff who would have done it, with the app's write rules, so that scores, Flags and Tasks
 * are the real ones. Does nothing when demo patients already exist, or when the demo accounts do not.
 * One transaction: a failure leaves no half-seeded demo, and the next start tries again.
 */
export async function seedDemoData(options: DemoDataOptions): Promise<DemoDataResult | undefined> {
  const started = performance.now();
  const { logger } = options;
  const now = options.now ?? new Date();
  return inTransaction(options.pool, async (transaction) => {
    const server = Repository.inOpenTransaction(transaction, { clock: () => now });
    const tag = `${DEMO_DATA_TAG.system}|${DEMO_DATA_TAG.code}`;
    if ((await findResources<Patient>(server, 'Patient', [['_tag', tag]])).length > 0) return undefined;
    const context = await loadDemoContext(server, transaction, now, { seed: options.seed });
    if (context === undefined) {
      logger.warn('demo mode: the demo accounts are missing or changed, so no demo clinical data was written');
      return undefined;
    }
    // Responses are checked against and scored by the stored forms, so the forms must be stored first.
    await installDefinitions(server, logger);
    const steps = demoPlan(context, options.population ?? 0);
    // The server answers only once this is done: say why the first start takes a while.
    logger.info({ steps: steps.length, generatedPeople: options.population ?? 0 }, 'demo mode: recording the demo beneficiaries (first start only; DEMO_POPULATION=0 for the hand-written forty alone)');
    const rules = [...instrumentRules(scoringSettingsOf(options.config)), ...caseWorkflowRules(options.config), ...followUpRules(options.config)];
    await writeSteps(transaction, steps, context, rules);
    const created = steps.flatMap((s) => (s.kind === 'create' ? s.resources : []));
    return {
      patients: created.filter((r) => r.resourceType === 'Patient').length,
      recorded: created.length,
      milliseconds: Math.round(performance.now() - started),
    };
  });
}
