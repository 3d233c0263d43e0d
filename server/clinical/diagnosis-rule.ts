import type { Condition } from '@medplum/fhirtypes';
import { unprocessable } from '../fhir/outcomes.js';
import type { WriteRule } from '../store/repository.js';
import { importsHistory } from './clinicians.js';
import { diagnosisIssues } from './diagnosis.js';
import { withPsyLabel } from './service-encounter.js';

/**
 * Before a Condition is stored, by create, update or transaction: a 422 naming `Condition.code` unless it is
 * coded in ICD-10 or ICD-11, and the `PSY` label. The label is added before the access check, so a
 * caseworker recording a diagnosis is refused (403): they could not read it back.
 *
 * A data-migration client imports records as the legacy system held them (a diagnosis written in words,
 * in another terminology): the rule of work done in Hiwa does not apply to it.
 */
export const diagnosisRule: WriteRule = {
  resourceTypes: ['Condition'],
  async beforeWrite(repo, resource) {
    if (importsHistory(repo.caller)) return resource;
    const condition = resource as Condition;
    const issues = diagnosisIssues(condition);
    if (issues.length > 0) throw unprocessable(issues);
    // a diagnosis is read by clinicians only (DESIGN.md)
    return withPsyLabel(condition);
  },
};
