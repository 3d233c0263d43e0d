import type { EpisodeOfCare, QuestionnaireResponse, Task, TaskInput } from '@medplum/fhirtypes';
import { HIWA_QUESTIONNAIRE_BASE } from '../../questionnaires/index.js';
import { daysAfter, dueTask, taskParameter } from './follow-up-task.js';
import { parseCanonical } from './questionnaire-canonical.js';
import { hasCode, TASK_PARAMETER_SYSTEM } from './workflow-codes.js';

export interface ReassessmentSettings {
  /** Questionnaire names re-assessed while a case is active (REASSESSMENT_INSTRUMENTS; default PHQ9, SRQ20) */
  reassessmentInstruments: readonly string[];
  /** days from one score to the next re-assessment (REASSESSMENT_INTERVAL_DAYS; default 28) */
  reassessmentIntervalDays: number;
}

/** The instrument's canonical URL when the response is a scored assessment Hiwa re-assesses, else undefined. */
export function reassessedInstrument(response: QuestionnaireResponse, settings: ReassessmentSettings): string | undefined {
  if (response.status !== 'completed' && response.status !== 'amended') return undefined;
  const url = response.questionnaire === undefined ? undefined : parseCanonical(response.questionnaire).url;
  if (url === undefined || !url.startsWith(HIWA_QUESTIONNAIRE_BASE)) return undefined;
  return settings.reassessmentInstruments.includes(url.slice(HIWA_QUESTIONNAIRE_BASE.length)) ? url : undefined;
}

/** Whether a re-assessment Task asks for this instrument (its input `instrument`). */
export function asksFor(task: Task, instrumentUrl: string): boolean {
  return task.input?.some((i) => hasCode(i.type, TASK_PARAMETER_SYSTEM, 'instrument') && i.valueCanonical === instrumentUrl) ?? false;
}

/**
 * The next re-assessment after a score: for the case manager of the active case, due the configured number
 * of days after the response was given (its `authored`, else now).
 */
export function reassessmentTask(response: QuestionnaireResponse, episode: EpisodeOfCare, instrumentUrl: string, settings: ReassessmentSettings, now: Date): Task {
  const given = response.authored !== undefined && !Number.isNaN(Date.parse(response.authored)) ? new Date(response.authored) : now;
  const name = instrumentUrl.slice(HIWA_QUESTIONNAIRE_BASE.length);
  const instrument: TaskInput = { type: taskParameter('instrument', 'Instrument') as TaskInput['type'], valueCanonical: instrumentUrl };
  return dueTask({
    type: 'reassessment',
    patient: response.subject ?? episode.patient,
    ...(episode.careManager === undefined ? {} : { owner: episode.careManager }),
    due: daysAfter(given, settings.reassessmentIntervalDays),
    now,
    focus: { reference: `EpisodeOfCare/${episode.id}` },
    description: `Re-assess with ${name} (last given ${given.toISOString().slice(0, 10)}).`,
    input: [instrument],
  });
}
