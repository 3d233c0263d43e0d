import type { Flag } from '@medplum/fhirtypes';
import { forbidden } from '../fhir/outcomes.js';
import type { WriteRule } from '../store/repository.js';
import { CLINICIANS_IN_WORDS, isClinician } from './clinicians.js';
import { isSuicideRiskFlag } from './suicide-risk-flag.js';

/**
 * A suicide-risk Flag stays active until a clinician closes it: anyone else changing its status is refused
 * (403). Closing it records when, in `period.end`, unless the clinician gave the time.
 */
export const closeRiskFlagRule: WriteRule = {
  resourceTypes: ['Flag'],
  async beforeWrite(repo, resource, previous) {
    const flag = resource as Flag;
    const before = previous as Flag | undefined;
    if (before === undefined || before.status !== 'active' || !isSuicideRiskFlag(before) || flag.status === 'active') return flag;
    const caller = repo.caller;
    if (caller.kind !== 'internal' && !isClinician(caller)) {
      throw forbidden(`Only ${CLINICIANS_IN_WORDS} may close a suicide-risk Flag`);
    }
    return flag.period?.end === undefined ? { ...flag, period: { ...flag.period, end: repo.now().toISOString() } } : flag;
  },
};
