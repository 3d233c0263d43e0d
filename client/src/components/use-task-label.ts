import type { Task } from '@medplum/fhirtypes';
import { taskLabel } from '../clinical/task-kinds.js';
import { useI18n } from '../i18n/i18n-context.js';

/** A task's name in the interface language (see taskLabel). */
export function useTaskLabel(): (task: Task) => string {
  const { t } = useI18n();
  return (task) => taskLabel(task, (kind) => t(`taskType.${kind}`));
}
