import type { Extension, Flag } from '@medplum/fhirtypes';

export const SUICIDE_RISK_FLAG_CODE = 'suicide-risk';
const TRIGGERING_ITEM_URL = 'https://hiwa.health/fhir/StructureDefinition/triggering-item';

export interface TriggeringAnswer {
  /** the question as worded in the form answered (server text, never translated here) */
  questionText?: string;
  answer?: string;
}

export interface RiskAlert {
  flagId: string;
  /** `Patient/<id>` the alert is about */
  subject?: string;
  isSuicideRisk: boolean;
  /** the Flag's own wording, e.g. "Suicide risk" */
  title?: string;
  since?: string;
  triggers: TriggeringAnswer[];
}

function part(extension: Extension, url: string): Extension | undefined {
  return extension.extension?.find((candidate) => candidate.url === url);
}

function triggerOf(extension: Extension): TriggeringAnswer {
  const answer = part(extension, 'answer');
  return {
    questionText: part(extension, 'text')?.valueString,
    answer: answer?.valueCoding?.display ?? answer?.valueCoding?.code ?? answer?.valueString ?? (answer?.valueBoolean === undefined ? undefined : String(answer.valueBoolean)),
  };
}

/**
 * The alerts to put in front of whoever opens the record: active Flags only (a reviewed one is closed by
 * a clinician), suicide risk first. Each says which answer raised it, from the Flag's triggering items.
 */
export function activeAlerts(flags: readonly Flag[]): RiskAlert[] {
  return flags
    .filter((flag) => flag.status === 'active')
    .map((flag) => ({
      flagId: flag.id ?? '',
      ...(flag.subject?.reference ? { subject: flag.subject.reference } : {}),
      isSuicideRisk: flag.code.coding?.some((coding) => coding.code === SUICIDE_RISK_FLAG_CODE) ?? false,
      title: flag.code.text ?? flag.code.coding?.[0]?.display,
      since: flag.period?.start,
      triggers: (flag.extension ?? []).filter((extension) => extension.url === TRIGGERING_ITEM_URL).map(triggerOf),
    }))
    .sort((a, b) => Number(b.isSuicideRisk) - Number(a.isSuicideRisk));
}
