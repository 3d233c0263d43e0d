import type { PractitionerRole, Task } from '@medplum/fhirtypes';
import { forbidden, issue, unprocessable } from '../fhir/outcomes.js';
import type { Repository, WriteRule } from '../store/repository.js';
import { importsHistory } from './clinicians.js';
import { findResources } from './find-resources.js';
import { decideReferralMove, isHandoverTask, type Caller } from './referral-task-machine.js';
import { illegalTransition } from './transition-refusal.js';

const TASK_STATUS_SYSTEM = 'http://hl7.org/fhir/task-status';

/**
 * Every write of a referral Task follows the referral's state machine (referral-task-machine.ts): 409 with the
 * allowed next states for a move it does not have, 403 naming who may when the wrong person makes it, 422
 * when a rejection has no reason or a completion no outcome.
 */
export const referralTaskRule: WriteRule = {
  resourceTypes: ['Task'],
  async beforeWrite(repo, resource, previous) {
    const task = resource as Task;
    const before = previous as Task | undefined;
    if (!(isHandoverTask(task) || (before !== undefined && isHandoverTask(before))) || importsHistory(repo.caller)) return task;
    const decision = decideReferralMove(before, task, await callerOf(repo));
    if (decision.allowed) return task;
    if (decision.status === 409) throw illegalTransition(decision.message, 'Task.status', TASK_STATUS_SYSTEM, decision.allowedNext);
    if (decision.status === 403) throw forbidden(decision.message);
    throw unprocessable([issue('required', decision.message, decision.expression)]);
  },
};

async function callerOf(repo: Repository): Promise<Caller> {
  const caller = repo.caller;
  if (caller.kind === 'internal') return { internal: true, roleIds: [] };
  if (caller.kind === 'system') return { internal: false, organizationId: caller.organizationId, roleIds: [] };
  const roles = await findResources<PractitionerRole>(repo.asServer('roles of the caller'), 'PractitionerRole', [['practitioner', `Practitioner/${caller.practitionerId}`]]);
  return { internal: false, practitionerId: caller.practitionerId, organizationId: caller.organizationId, roleIds: roles.map((r) => r.id as string) };
}
