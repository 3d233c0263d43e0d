import type { OperationOutcomeIssue, Practitioner, PractitionerRole, Reference, Task, TaskInput, TaskOutput } from '@medplum/fhirtypes';
import { STAFF_ROLE_SYSTEM } from '../auth/principal.js';
import { issue } from '../fhir/outcomes.js';
import { FOLLOW_UP_TYPES, isTaskOfType, TASK_PARAMETER_SYSTEM, taskTypeCode, type TaskType } from './workflow-codes.js';

const DAY_MS = 86_400_000;

/** Task statuses of work still to do: what the due and overdue lists hold. */
export const OPEN_TASK_STATUSES = 'requested,received,accepted,ready,in-progress,on-hold';

export interface FollowUpInput {
  type: TaskType;
  patient: Reference;
  /** who does it: the case manager, when the patient has one */
  owner?: Reference<Practitioner | PractitionerRole>;
  /** named besides the owner (the site's supervisors), in restriction.recipient */
  recipients?: Reference<PractitionerRole>[];
  due: Date;
  now: Date;
  description: string;
  priority?: Task['priority'];
  focus?: Reference;
  /** why it is asked for (Task.reasonReference), e.g. the risk Flag */
  reason?: Reference;
  input?: TaskInput[];
}

/**
 * A Task that is due: Hiwa keeps the due date in `restriction.period.end` (searched as `due`, see
 * fhir-profiles/SearchParameter-Task-due.json), the place R4 gives "complete by", for follow-ups, reviews
 * and approvals alike. Pure: the caller stores it.
 */
export function dueTask(input: FollowUpInput): Task {
  const recipients = input.recipients ?? [];
  return {
    resourceType: 'Task',
    status: 'requested',
    intent: 'plan',
    priority: input.priority ?? 'routine',
    code: taskTypeCode(input.type),
    description: input.description,
    for: input.patient,
    ...(input.focus === undefined ? {} : { focus: input.focus }),
    ...(input.reason === undefined ? {} : { reasonReference: input.reason }),
    authoredOn: input.now.toISOString(),
    ...(input.owner === undefined ? {} : { owner: input.owner }),
    ...(input.owner === undefined && recipients.length > 0 ? { performerType: [supervisorRole()] } : {}),
    restriction: { period: { end: input.due.toISOString() }, ...(recipients.length === 0 ? {} : { recipient: recipients }) },
    ...(input.input === undefined ? {} : { input: input.input }),
  };
}

/** `days` whole days after `from`. */
export function daysAfter(from: Date, days: number): Date {
  return new Date(from.getTime() + days * DAY_MS);
}

/** An open Task marked done by the server, saying what did it (an output of the given type). */
export function completedTask(task: Task, output: TaskOutput, now: Date): Task {
  return { ...task, status: 'completed', lastModified: now.toISOString(), output: [...(task.output ?? []), output] };
}

export function taskParameter(code: string, display: string): TaskOutput['type'] {
  return { coding: [{ system: TASK_PARAMETER_SYSTEM, code, display }], text: display };
}

/**
 * What a follow-up Task (next-session, reassessment, referral-follow-up) must carry, whoever writes it: the
 * patient (`for`) and its due date (`restriction.period.end`), else it would never appear in a due list.
 */
export function followUpProblems(task: Task): OperationOutcomeIssue[] {
  if (!FOLLOW_UP_TYPES.some((type) => isTaskOfType(task, type))) return [];
  const problems: OperationOutcomeIssue[] = [];
  if (!task.for?.reference?.startsWith('Patient/')) problems.push(issue('required', 'A follow-up Task names the patient: for = Patient/{id}', 'Task.for'));
  const due = task.restriction?.period?.end;
  if (due === undefined || Number.isNaN(Date.parse(due))) {
    problems.push(issue('required', 'A follow-up Task has a due date: restriction.period.end (searched as due)', 'Task.restriction.period.end'));
  }
  return problems;
}

function supervisorRole(): NonNullable<Task['performerType']>[number] {
  return { coding: [{ system: STAFF_ROLE_SYSTEM, code: 'supervisor', display: 'Supervisor' }], text: "The site's supervisors" };
}
