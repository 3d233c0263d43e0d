import type { EpisodeOfCare, QuestionnaireResponse, Task } from '@medplum/fhirtypes';
import type { WriteRule } from '../store/repository.js';
import { findResources } from './find-resources.js';
import { completedTask, OPEN_TASK_STATUSES, taskParameter } from './follow-up-task.js';
import { asksFor, reassessedInstrument, reassessmentTask, type ReassessmentSettings } from './reassessment.js';
import { taskTypeToken } from './workflow-codes.js';

const RECORDED: ReadonlySet<QuestionnaireResponse['status']> = new Set<QuestionnaireResponse['status']>(['completed', 'amended']);

/**
 * When a score of a re-assessed instrument (PHQ-9, SRQ-20 by default) is first recorded, in the response's
 * transaction: the open re-assessment Task for that instrument is completed (pointing at the response) and,
 * while the patient has an active case, the next one is created. An amendment changes neither.
 */
export function reassessmentRule(settings: ReassessmentSettings): WriteRule {
  return {
    resourceTypes: ['QuestionnaireResponse'],
    async afterWrite(repo, stored, previous) {
      const response = stored as QuestionnaireResponse;
      const instrument = reassessedInstrument(response, settings);
      const patient = response.subject?.reference;
      if (instrument === undefined || patient === undefined || !patient.startsWith('Patient/')) return;
      if (previous !== undefined && RECORDED.has((previous as QuestionnaireResponse).status)) return;
      const server = repo.asServer('re-assessment follow-up');
      const open = await findResources<Task>(server, 'Task', [['patient', patient], ['code', taskTypeToken('reassessment')], ['status', OPEN_TASK_STATUSES]]);
      const output = { type: taskParameter('assessment', 'Assessment'), valueReference: { reference: `QuestionnaireResponse/${response.id}` } };
      for (const task of open.filter((t) => asksFor(t, instrument))) await server.update<Task>(completedTask(task, output, repo.now()));

      const cases = await findResources<EpisodeOfCare>(server, 'EpisodeOfCare', [['patient', patient], ['status', 'active'], ['_sort', '-_lastUpdated']], 1);
      if (cases[0] !== undefined) await server.create<Task>(reassessmentTask(response, cases[0], instrument, settings, repo.now()));
    },
  };
}
