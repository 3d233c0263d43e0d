import type { Flag } from '@medplum/fhirtypes';
import { SUICIDE_RISK_CODE } from '../../questionnaires/index.js';

/** A Flag coded "suicide risk" (Hiwa's flag-code), whoever raised it. */
export function isSuicideRiskFlag(flag: Flag): boolean {
  return flag.code?.coding?.some((c) => c.system === SUICIDE_RISK_CODE.system && c.code === SUICIDE_RISK_CODE.code) ?? false;
}
