import type { Task } from '@medplum/fhirtypes';
import type { WriteRule } from '../store/repository.js';
import { answerDeadline, type AnswerTimes } from './answer-deadline.js';
import { isHandoverTask, isTransferTask } from './referral-task-machine.js';
import { TASK_TYPE_SYSTEM, taskTypeCode } from './workflow-codes.js';

export const ANSWER_DUE_URL = 'https://hiwa.health/fhir/StructureDefinition/answer-due';

/**
 * What the server adds to every referral and transfer Task, whoever writes it:
 * - its type as a code of Hiwa's task-type CodeSystem, with display, beside whatever code the client sent
 *   (FHIR's `fulfill`), so that a client shows the text in its own language from the code rather than
 *   "Fulfill the focal request";
 * - while it waits for an answer, when the answer is due (extension answer-due, answer-deadline.ts), so that
 *   the overdue are a search: `Task?owner=…&status=requested&answer-due=lt{now}`.
 */
export function handoverTaskRule(times: AnswerTimes): WriteRule {
  return {
    resourceTypes: ['Task'],
    async beforeWrite(repo, resource) {
      const task = resource as Task;
      if (!isHandoverTask(task)) return task;
      const typed = withTypeCode(task);
      if (typed.status !== 'requested') return typed;
      const due = answerDeadline(new Date(typed.authoredOn ?? repo.now().toISOString()), typed.priority, times).toISOString();
      const others = (typed.extension ?? []).filter((e) => e.url !== ANSWER_DUE_URL);
      return { ...typed, ...(typed.authoredOn === undefined ? { authoredOn: repo.now().toISOString() } : {}), extension: [...others, { url: ANSWER_DUE_URL, valueDateTime: due }] };
    },
  };
}

function withTypeCode(task: Task): Task {
  const type = isTransferTask(task) ? 'transfer' : 'referral';
  const hiwa = taskTypeCode(type);
  const sent = (task.code?.coding ?? []).filter((c) => c.system !== TASK_TYPE_SYSTEM);
  return { ...task, code: { coding: [...(hiwa.coding ?? []), ...sent], text: hiwa.text } };
}
