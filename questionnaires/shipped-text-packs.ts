// Static JSON imports so that a Vite browser build bundles the packs as well as Node loads them.
import arCaseManagement from './text-packs/ar/CASE_MANAGEMENT.json' with { type: 'json' };
import arConsent from './text-packs/ar/CONSENT.json' with { type: 'json' };
import arSafetyPlan from './text-packs/ar/SAFETY_PLAN.json' with { type: 'json' };
import ckbCaseManagement from './text-packs/ckb/CASE_MANAGEMENT.json' with { type: 'json' };
import ckbConsent from './text-packs/ckb/CONSENT.json' with { type: 'json' };
import ckbSafetyPlan from './text-packs/ckb/SAFETY_PLAN.json' with { type: 'json' };
import enCaseManagement from './text-packs/en/CASE_MANAGEMENT.json' with { type: 'json' };
import enConsent from './text-packs/en/CONSENT.json' with { type: 'json' };
import enPhq9 from './text-packs/en/PHQ9.json' with { type: 'json' };
import enSafetyPlan from './text-packs/en/SAFETY_PLAN.json' with { type: 'json' };
import enSrq20 from './text-packs/en/SRQ20.json' with { type: 'json' };
import kmrCaseManagement from './text-packs/kmr/CASE_MANAGEMENT.json' with { type: 'json' };
import kmrConsent from './text-packs/kmr/CONSENT.json' with { type: 'json' };
import kmrSafetyPlan from './text-packs/kmr/SAFETY_PLAN.json' with { type: 'json' };
import { parseTextPack, type TextPack } from './text-pack.js';

// Hiwa ships no SDQ pack (licence) and no Arabic or Kurdish PHQ-9/SRQ-20 (only validated versions may be used).
const SHIPPED_PACK_FILES: readonly unknown[] = [
  enPhq9, enSrq20,
  enCaseManagement, arCaseManagement, ckbCaseManagement, kmrCaseManagement,
  enConsent, arConsent, ckbConsent, kmrConsent,
  enSafetyPlan, arSafetyPlan, ckbSafetyPlan, kmrSafetyPlan,
];

export function loadShippedTextPacks(): TextPack[] {
  return SHIPPED_PACK_FILES.map(parseTextPack);
}

/** The pack for a questionnaire name and language among the given (shipped plus installed) packs. */
export function findTextPack(packs: readonly TextPack[], questionnaireName: string, language: string): TextPack | undefined {
  return packs.find((pack) => pack.questionnaire === questionnaireName && pack.language === language);
}
