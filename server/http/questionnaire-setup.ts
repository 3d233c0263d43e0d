import type { RequestHandler } from 'express';
import { parseScoringSettings, type ScoringSettings } from '../../questionnaires/index.js';
import { installDefinitions } from '../clinical/install-definitions.js';
import { databaseTextPacks, loadTextPacks } from '../clinical/installed-text-packs.js';
import { instrumentRules } from '../clinical/instrument-rules.js';
import type { HiwaConfig } from '../config.js';
import { extractOperation } from '../fhir/operations/extract.js';
import { localizeOperation } from '../fhir/operations/localize.js';
import type { Operation } from '../fhir/operations/operation.js';
import { FhirError, issue, outcome } from '../fhir/outcomes.js';
import type { Logger } from '../logger.js';
import type { Database } from '../store/database.js';
import { Repository, type WriteRule } from '../store/repository.js';

export interface QuestionnaireSetup {
  /** write rules of instruments (check, score and alert on responses; who closes a risk Flag), for every request's repository */
  rules: WriteRule[];
  /** `$extract` and `$localize` */
  operations: Operation[];
  /** holds FHIR requests until the shipped definitions are in the store */
  ready: RequestHandler;
}

/**
 * Everything instruments need at start: the deployment's scoring settings, the text packs (shipped, installed
 * in the folder, and those an admin installed in the database, looked up per request), and the shipped
 * definitions (forms, profiles, code systems) stored in the background. Requests wait for that store, so
 * `createApp` stays synchronous; if it fails, FHIR answers 503 and the log says which definition is wrong.
 */
export function setUpQuestionnaires(options: { store: Database; config: HiwaConfig; logger: Logger; clock?: () => Date }): QuestionnaireSetup {
  const { store, config, logger } = options;
  const settings = scoringSettingsOf(config);
  const installed = installDefinitions(new Repository(store.pool, { clock: options.clock }), logger).then(
    () => undefined,
    (err: unknown) => {
      logger.fatal({ err }, 'the shipped definitions (Questionnaires, profiles, code systems) could not be stored');
      return new FhirError(503, outcome(issue('transient', 'The shipped definitions could not be installed; see the server log')));
    },
  );
  return {
    rules: instrumentRules(settings),
    operations: [extractOperation(settings), localizeOperation(loadTextPacks(config.textPacksDir, logger), databaseTextPacks(store.pool))],
    ready: (_req, _res, next) => {
      installed.then((failure) => next(failure), next);
    },
  };
}

/** The deployment's scoring settings: what requests score with, and what seeded demo responses must score with too. */
export function scoringSettingsOf(config: Pick<HiwaConfig, 'srq20Cutoff'>): ScoringSettings {
  return parseScoringSettings({ srq20Cutoff: config.srq20Cutoff });
}
