import type { WriteRule } from '../store/repository.js';
import { caseClosureRule } from './case-closure-rule.js';
import { caseStatusRule } from './case-status-rule.js';
import { caseConsentRule, referralConsentRule } from './consent-gate-rules.js';
import { referralTaskRule } from './referral-task-rule.js';

export interface CaseWorkflowSettings {
  /** days after closure during which a finished case may be reopened (CASE_REOPEN_DAYS) */
  caseReopenDays: number;
}

/**
 * The write rules of the case workflow: the case's state machine and its closure by a supervisor's approval,
 * the consent gates of a case and of a referral to another organisation, and the referral Task's machine.
 */
export function caseWorkflowRules(settings: CaseWorkflowSettings): WriteRule[] {
  return [caseStatusRule(settings), caseConsentRule, caseClosureRule, referralTaskRule, referralConsentRule];
}
