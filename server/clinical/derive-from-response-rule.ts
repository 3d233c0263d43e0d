import type { QuestionnaireResponse } from '@medplum/fhirtypes';
import type { ScoringSettings } from '../../questionnaires/index.js';
import type { WriteRule } from '../store/repository.js';
import { raiseRiskAlert } from './raise-risk-alert.js';
import { recordScores } from './record-scores.js';
import { resolveQuestionnaire } from './resolve-questionnaire.js';
import { responseYield } from './response-yield.js';

/**
 * After a QuestionnaireResponse is written, in the same transaction: its scores against the exact
 * Questionnaire version it answers (replacing those of an earlier version), and a risk alert when a critical
 * item alerted. Any failure rolls the response back with them.
 */
export function deriveFromResponseRule(settings: ScoringSettings): WriteRule {
  return {
    resourceTypes: ['QuestionnaireResponse'],
    async afterWrite(repo, stored) {
      const response = stored as QuestionnaireResponse;
      const questionnaire = await resolveQuestionnaire(repo, response);
      const derived = responseYield(questionnaire, response, { settings, now: repo.now() });
      await recordScores(repo, response, derived.observations);
      if (derived.flag !== undefined) await raiseRiskAlert(repo, response, derived.flag, derived.result.alerts);
    },
  };
}
