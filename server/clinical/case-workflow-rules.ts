import type { WriteRule } from '../store/repository.js';
import { caseClosureRule } from './case-closure-rule.js';
import { caseStatusRule } from './case-status-rule.js';
import { caseTransferRule } from './case-transfer-rule.js';
import { handoverTaskRule } from './handover-task-rule.js';
import { consentExtractionRule } from './consent-extraction-rule.js';
import { consentWithdrawalRule } from './consent-withdrawal-rule.js';
import { caseConsentRule, referralConsentRule, transferConsentRule } from './consent-gate-rules.js';
import { referralAccessRule } from './referral-access-rule.js';
import { referralTaskRule } from './referral-task-rule.js';
import { DEFAULT_WORKFLOW_SETTINGS, type WorkflowSettings } from './workflow-settings.js';

export interface CaseWorkflowSettings {
  /** days after closure during which a finished case may be reopened (CASE_REOPEN_DAYS) */
  caseReopenDays: number;
  /** consent ages and answer times; the defaults when absent */
  workflow?: WorkflowSettings;
}

/**
 * The write rules of the case workflow: the consent form's Consents and a withdrawal's effects, the case's
 * state machine and its closure by a supervisor's approval, the consent gates of a case and of a referral to
 * another organisation, the referral Task's machine (which transfers of a case follow too), the move of a
 * transferred case, and what a referral or transfer lets its recipient read.
 */
export function caseWorkflowRules(settings: CaseWorkflowSettings): WriteRule[] {
  const workflow = settings.workflow ?? DEFAULT_WORKFLOW_SETTINGS;
  return [
    consentExtractionRule(workflow),
    consentWithdrawalRule,
    caseStatusRule(settings),
    caseConsentRule,
    caseClosureRule,
    referralTaskRule,
    handoverTaskRule(workflow),
    referralConsentRule,
    transferConsentRule,
    caseTransferRule,
    // last: it reads what the rules before it wrote (a transfer's moved case, a withdrawal)
    referralAccessRule,
  ];
}
