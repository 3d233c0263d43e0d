import type { Extension, Flag, Practitioner, QuestionnaireResponse, Reference } from '@medplum/fhirtypes';
import { TRIGGERING_ITEM_EXTENSION, type CriticalItemAlert } from '../../questionnaires/index.js';
import type { Repository } from '../store/repository.js';
import { findCaseClinicians } from './case-clinicians.js';
import { findResources } from './find-resources.js';
import { riskReviewTask } from './risk-review-task.js';
import { isSuicideRiskFlag } from './suicide-risk-flag.js';

/**
 * Stores the suicide-risk Flag a response raised, with its urgent review Task, in the caller's transaction.
 * A response raises one alert at a time: none while a Flag it raised is still active, and none again for
 * answers a clinician has already reviewed (a closed Flag naming the same items and answers), so that
 * amending other parts of the form does not re-open a reviewed risk. A new alerting answer does.
 */
export async function raiseRiskAlert(
  repo: Repository,
  response: QuestionnaireResponse,
  flag: Flag,
  alerts: readonly CriticalItemAlert[],
): Promise<void> {
  const earlier = await findResources<Flag>(repo.asServer('risk flags of a response'), 'Flag', [['detail', `QuestionnaireResponse/${response.id}`]]);
  const suicideRisk = earlier.filter(isSuicideRiskFlag);
  if (suicideRisk.some((f) => f.status === 'active')) return;
  const reviewed = new Set(suicideRisk.flatMap(triggeringAnswers));
  if (alerts.every((alert) => reviewed.has(alertKey(alert)))) return;

  const stored = (await repo.create<Flag>(flag)).resource;
  const addressees = await findCaseClinicians(repo, response.subject);
  await repo.create(riskReviewTask({ response, flag: stored, alerts, addressees, requester: requesterOf(repo), now: repo.now() }));
}

function triggeringAnswers(flag: Flag): string[] {
  return (flag.extension ?? [])
    .filter((e) => e.url === TRIGGERING_ITEM_EXTENSION)
    .map((e) => {
      const part = (name: string): Extension | undefined => e.extension?.find((p) => p.url === name);
      const answer = part('answer');
      return answerKey(part('linkId')?.valueString, answer?.valueCoding?.system, answer?.valueCoding?.code ?? answer?.valueBoolean);
    });
}

function alertKey(alert: CriticalItemAlert): string {
  const { valueCoding, valueBoolean } = alert.answer;
  return answerKey(alert.linkId, valueCoding?.system, valueCoding?.code ?? valueBoolean);
}

function answerKey(linkId: string | undefined, system: string | undefined, value: string | boolean | undefined): string {
  return JSON.stringify([linkId, system, value]);
}

function requesterOf(repo: Repository): Reference<Practitioner> | undefined {
  const caller = repo.caller;
  return caller.kind === 'staff' ? { reference: `Practitioner/${caller.practitionerId}` } : undefined;
}
