import type { Flag, Task } from '@medplum/fhirtypes';
import { forbidden } from '../fhir/outcomes.js';
import type { WriteRule } from '../store/repository.js';
import { CLINICIANS_IN_WORDS, isClinician } from './clinicians.js';
import { findResources } from './find-resources.js';
import { OPEN_TASK_STATUSES } from './follow-up-task.js';
import { closedWithItsFlag } from './risk-review.js';
import { isSuicideRiskFlag } from './suicide-risk-flag.js';
import { taskTypeToken } from './workflow-codes.js';

/**
 * A suicide-risk Flag stays active until a clinician closes it: anyone else changing its status is refused
 * (403). Closing it records when, in `period.end`, unless the clinician gave the time. Closed on the Flag
 * itself (not by recording the review on its Task, which closes the Flag in turn), its open risk-review
 * Tasks are cancelled, saying so.
 */
export const closeRiskFlagRule: WriteRule = {
  resourceTypes: ['Flag'],
  async beforeWrite(repo, resource, previous) {
    const flag = resource as Flag;
    if (!closesRiskFlag(flag, previous as Flag | undefined)) return flag;
    const caller = repo.caller;
    if (caller.kind !== 'internal' && !isClinician(caller)) {
      throw forbidden(`Only ${CLINICIANS_IN_WORDS} may close a suicide-risk Flag`);
    }
    return flag.period?.end === undefined ? { ...flag, period: { ...flag.period, end: repo.now().toISOString() } } : flag;
  },
  async afterWrite(repo, stored, previous) {
    const flag = stored as Flag & { id: string };
    if (!closesRiskFlag(flag, previous as Flag | undefined)) return;
    const server = repo.asServer('suicide-risk alert closed on its Flag');
    const open = await findResources<Task>(server, 'Task', [['focus', `Flag/${flag.id}`], ['code', taskTypeToken('risk-review')], ['status', OPEN_TASK_STATUSES]]);
    const caller = repo.caller;
    const closedBy = caller.kind === 'staff' ? `Practitioner/${caller.practitionerId}` : undefined;
    for (const task of open) await server.update(closedWithItsFlag(task, closedBy, repo.now()));
  },
};

/** An active suicide-risk Flag that this write makes anything but active. */
function closesRiskFlag(flag: Flag, before: Flag | undefined): boolean {
  return before !== undefined && before.status === 'active' && isSuicideRiskFlag(before) && flag.status !== 'active';
}
