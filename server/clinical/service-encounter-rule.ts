import type { Encounter } from '@medplum/fhirtypes';
import { unprocessable } from '../fhir/outcomes.js';
import type { WriteRule } from '../store/repository.js';
import { serviceEncounterIssues, withSensitivityLabel } from './service-encounter.js';

/**
 * Before an Encounter recording a Hiwa service is stored, by anyone and by any route (create, update,
 * transaction, `$record-attendance`): a 422 naming each element amiss, and the `PSY` label on counselling
 * and psychiatric services. The label is added before the access check, so a caseworker recording one is
 * refused (403): they could not read it back.
 */
export const serviceEncounterRule: WriteRule = {
  resourceTypes: ['Encounter'],
  async beforeWrite(_repo, resource) {
    const encounter = resource as Encounter;
    const issues = serviceEncounterIssues(encounter);
    if (issues.length > 0) throw unprocessable(issues);
    return withSensitivityLabel(encounter);
  },
};
