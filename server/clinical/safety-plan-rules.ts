import type { CarePlan, Flag, QuestionnaireResponse, Reference, Task } from '@medplum/fhirtypes';
import type { Repository, WriteRule } from '../store/repository.js';
import { findCaseClinicians } from './case-clinicians.js';
import { findResources } from './find-resources.js';
import { completedTask, dueTask, OPEN_TASK_STATUSES, taskParameter } from './follow-up-task.js';
import { endOfUtcDay } from './risk-review-task.js';
import { answersSafetyPlan, isPlanOf, isRecordedSafetyPlan, isSafetyPlan, SAFETY_PLAN_CATEGORY_TOKEN, safetyPlanCarePlan, supersededPlan } from './safety-plan.js';
import { isSuicideRiskFlag } from './suicide-risk-flag.js';
import { taskTypeToken } from './workflow-codes.js';

/**
 * A recorded safety-plan response becomes the patient's safety plan (a CarePlan pointing at it), in the
 * response's transaction. A new plan replaces the one in force (`revoked`, named in `replaces`); an amended
 * response updates its own plan; a response entered in error takes its plan with it.
 */
export const safetyPlanFromResponseRule: WriteRule = {
  resourceTypes: ['QuestionnaireResponse'],
  async afterWrite(repo, stored) {
    const response = stored as QuestionnaireResponse;
    if (!answersSafetyPlan(response) || !response.subject?.reference?.startsWith('Patient/')) return;
    const plans = await safetyPlansOf(repo, response.subject);
    const own = plans.find((p) => isPlanOf(p, response));
    if (response.status === 'entered-in-error') {
      if (own !== undefined && own.status !== 'entered-in-error') await repo.update<CarePlan>({ ...own, status: 'entered-in-error' });
      return;
    }
    if (!isRecordedSafetyPlan(response)) return;
    if (own !== undefined) {
      // An amendment: the plan keeps its place (a replaced one stays replaced).
      const amended = safetyPlanCarePlan(response, { replaces: [], existing: own, now: repo.now() });
      await repo.update<CarePlan>({ ...amended, status: own.status });
      return;
    }
    const inForce = plans.filter((p) => p.status === 'active');
    const replaces = inForce.map((p) => ({ reference: `CarePlan/${p.id}` }));
    const created = (await repo.create<CarePlan>(safetyPlanCarePlan(response, { replaces, now: repo.now() }))).resource;
    for (const old of inForce) await repo.update<CarePlan>(supersededPlan(old, { reference: `CarePlan/${created.id}` }));
  },
};

/** A safety plan in force completes the patient's open "safety plan needed" Tasks, whoever recorded it. */
export const safetyPlanDoneRule: WriteRule = {
  resourceTypes: ['CarePlan'],
  async afterWrite(repo, stored) {
    const plan = stored as CarePlan;
    if (!isSafetyPlan(plan) || plan.status !== 'active' || plan.subject?.reference === undefined) return;
    const server = repo.asServer('safety plan recorded');
    const open = await findResources<Task>(server, 'Task', [
      ['patient', plan.subject.reference],
      ['code', taskTypeToken('safety-plan-needed')],
      ['status', OPEN_TASK_STATUSES],
    ]);
    const output = { type: taskParameter('safety-plan', 'Safety plan'), valueReference: { reference: `CarePlan/${plan.id}` } };
    for (const task of open) await server.update<Task>(completedTask(task, output, repo.now()));
  },
};

/**
 * An active suicide-risk Flag asks for a safety plan when the patient has none in force: a Task for the
 * case's clinician (and the site's supervisors), due the same day, one at a time.
 */
export const safetyPlanNeededRule: WriteRule = {
  resourceTypes: ['Flag'],
  async afterWrite(repo, stored, previous) {
    const flag = stored as Flag;
    const patient = flag.subject;
    if (!isSuicideRiskFlag(flag) || flag.status !== 'active' || (previous as Flag | undefined)?.status === 'active') return;
    if (!patient?.reference?.startsWith('Patient/')) return;
    if ((await safetyPlansOf(repo, patient)).some((p) => p.status === 'active')) return;
    const server = repo.asServer('safety plan needed');
    const open = await findResources<Task>(server, 'Task', [['patient', patient.reference], ['code', taskTypeToken('safety-plan-needed')], ['status', OPEN_TASK_STATUSES]], 1);
    if (open.length > 0) return;
    const addressees = await findCaseClinicians(repo, patient);
    const now = repo.now();
    await server.create<Task>(
      dueTask({
        type: 'safety-plan-needed',
        patient,
        ...(addressees.clinician === undefined ? {} : { owner: addressees.clinician }),
        recipients: addressees.supervisors,
        due: endOfUtcDay(now),
        now,
        priority: 'urgent',
        reason: { reference: `Flag/${flag.id}`, display: 'Suicide risk' },
        description: 'A suicide risk is flagged and the person has no safety plan: make one with them (the safety plan form).',
      }),
    );
  },
};

/** The patient's safety plans, as the server reads them (a plan in force counts whoever may see it). */
async function safetyPlansOf(repo: Repository, patient: Reference): Promise<CarePlan[]> {
  return findResources<CarePlan>(repo.asServer('safety plans of a patient'), 'CarePlan', [
    ['patient', patient.reference as string],
    ['category', SAFETY_PLAN_CATEGORY_TOKEN],
  ]);
}
