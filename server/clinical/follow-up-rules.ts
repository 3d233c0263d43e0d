import type { Task } from '@medplum/fhirtypes';
import { unprocessable } from '../fhir/outcomes.js';
import type { WriteRule } from '../store/repository.js';
import { importsHistory } from './clinicians.js';
import { daysAfter, dueTask, followUpProblems } from './follow-up-task.js';
import type { ReassessmentSettings } from './reassessment.js';
import { reassessmentRule } from './reassessment-rule.js';
import { isReferralTask } from './referral-task-machine.js';
import { safetyPlanDoneRule, safetyPlanFromResponseRule, safetyPlanNeededRule } from './safety-plan-rules.js';

export interface FollowUpSettings extends ReassessmentSettings {
  /** days after a referral is made that its referrer follows it up (REFERRAL_FOLLOW_UP_DAYS; default 14) */
  referralFollowUpDays: number;
}

/**
 * The write rules of safety plans and follow-ups: a safety-plan response becomes the CarePlan in force, a
 * suicide-risk Flag asks for one, a score asks for the next re-assessment, a referral for its follow-up, and
 * every follow-up Task carries its patient and due date.
 */
export function followUpRules(settings: FollowUpSettings): WriteRule[] {
  return [safetyPlanFromResponseRule, safetyPlanDoneRule, safetyPlanNeededRule, reassessmentRule(settings), followUpCheckRule, referralFollowUpRule(settings)];
}

/** A follow-up Task without its patient or due date is a 422 naming what is missing. */
const followUpCheckRule: WriteRule = {
  resourceTypes: ['Task'],
  async beforeWrite(repo, resource) {
    const task = resource as Task;
    if (importsHistory(repo.caller)) return task;
    const problems = followUpProblems(task);
    if (problems.length > 0) throw unprocessable(problems);
    return task;
  },
};

/** A referral made gives its referrer a follow-up: what came of it, checked with the person, by the configured day. */
function referralFollowUpRule(settings: FollowUpSettings): WriteRule {
  return {
    resourceTypes: ['Task'],
    async afterWrite(repo, stored, previous) {
      const referral = stored as Task;
      if (previous !== undefined || !isReferralTask(referral) || importsHistory(repo.caller)) return;
      const patient = referral.for;
      const referrer = referral.requester?.reference;
      if (!patient?.reference?.startsWith('Patient/') || !(referrer?.startsWith('Practitioner/') || referrer?.startsWith('PractitionerRole/'))) return;
      const now = repo.now();
      await repo.asServer('referral follow-up').create<Task>(
        dueTask({
          type: 'referral-follow-up',
          patient,
          owner: { reference: referrer },
          due: daysAfter(now, settings.referralFollowUpDays),
          now,
          focus: { reference: `Task/${referral.id}`, display: 'Referral' },
          description: `Follow up the referral${referral.owner?.display ? ` to ${referral.owner.display}` : ''}: what came of it, with the person.`,
        }),
      );
    },
  };
}
