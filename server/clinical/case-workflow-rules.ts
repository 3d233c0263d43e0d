import type { WriteRule } from '../store/repository.js';
import { caseClosureRule } from './case-closure-rule.js';
import { caseStatusRule } from './case-status-rule.js';
import { caseConsentRule, referralConsentRule } from './consent-gate-rules.js';

export interface CaseWorkflowSettings {
  /** days after closure during which a finished case may be reopened (CASE_REOPEN_DAYS) */
  caseReopenDays: number;
}

/**
 * The write rules of the case workflow: the case's state machine and its closure by a supervisor's approval,
 * and the consent gates of a case and of a referral to another organisation.
 */
export function caseWorkflowRules(settings: CaseWorkflowSettings): WriteRule[] {
  return [caseStatusRule(settings), caseConsentRule, caseClosureRule, referralConsentRule];
}
