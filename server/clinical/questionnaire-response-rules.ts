import type { ScoringSettings } from '../../questionnaires/index.js';
import type { WriteRule } from '../store/repository.js';
import { checkResponseRule } from './check-response-rule.js';
import { deriveFromResponseRule } from './derive-from-response-rule.js';

/** The rules every QuestionnaireResponse write goes through, in order: check and pin, then score and alert. */
export function questionnaireResponseRules(settings: ScoringSettings): WriteRule[] {
  return [checkResponseRule, deriveFromResponseRule(settings)];
}
