import type { ScoringSettings } from '../../questionnaires/index.js';
import type { WriteRule } from '../store/repository.js';
import { checkResponseRule } from './check-response-rule.js';
import { closeRiskFlagRule } from './close-risk-flag-rule.js';
import { deriveFromResponseRule } from './derive-from-response-rule.js';
import { diagnosisRule } from './diagnosis-rule.js';
import { riskReviewRule } from './risk-review-rule.js';
import { serviceEncounterRule } from './service-encounter-rule.js';

/**
 * The write rules of instruments, in order: a QuestionnaireResponse is checked and pinned, then scored and
 * alerted on; a suicide-risk Flag is closed only by a clinician, and recording its review (the risk-review Task
 * completed with a note) closes it. The session and diagnosis rules ride along (a service's Encounter, a
 * diagnosis's ICD code, checked and labelled), so the API and the demo seed apply them alike.
 */
export function instrumentRules(settings: ScoringSettings): WriteRule[] {
  return [checkResponseRule, deriveFromResponseRule(settings), closeRiskFlagRule, riskReviewRule, serviceEncounterRule, diagnosisRule];
}
