import type { Consent, QuestionnaireResponse, Task } from '@medplum/fhirtypes';
import { consentFacts } from './consents.js';
import { isReferralTask } from './referrals.js';
import type { SessionEntry } from './session-timeline.js';

/** One dated thing that happened in the beneficiary's care, as the record's timeline lists it. */
export type TimelineEntry = { key: string; date: string } & (
  | { kind: 'session'; session: SessionEntry }
  /** a form filled in: a screening, the consent, case-management or safety-plan form (each version) */
  | { kind: 'form'; responseId: string; formName: string; status: QuestionnaireResponse['status'] }
  | { kind: 'consent-given' | 'consent-withdrawn'; consent: Consent }
  | { kind: 'referral'; task: Task }
  /** another task raised for the beneficiary (follow-up, review, approval) */
  | { kind: 'task'; task: Task }
);

export interface TimelineSources {
  sessions: readonly SessionEntry[];
  responses: readonly QuestionnaireResponse[];
  consents: readonly Consent[];
  /** open Tasks and referrals of any status; a Task in both lists is listed once */
  tasks: readonly Task[];
}

/** The name a response's form goes by: the last segment of its canonical (`…/Questionnaire/PHQ9|1.0.0` → PHQ9). */
export function formNameOf(response: QuestionnaireResponse): string | undefined {
  const canonical = response.questionnaire?.split('|')[0];
  const name = canonical?.slice(canonical.lastIndexOf('/') + 1);
  return name ? name : undefined;
}

/**
 * Everything dated on the record in one list, newest first: sessions (group meetings among them), forms
 * filled, consents given and withdrawn, referrals made and tasks raised. What has no date is left out, since
 * a timeline cannot place it; the record's sections still show it.
 */
export function recordTimeline(sources: TimelineSources): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const session of sources.sessions) {
    if (session.date) entries.push({ key: `session/${session.id}`, date: session.date, kind: 'session', session });
  }
  for (const response of sources.responses) {
    const formName = formNameOf(response);
    if (response.id && response.authored && formName) {
      entries.push({ key: `form/${response.id}`, date: response.authored, kind: 'form', responseId: response.id, formName, status: response.status });
    }
  }
  for (const consent of sources.consents) {
    const facts = consentFacts(consent);
    if (facts.given) entries.push({ key: `consent-given/${consent.id}`, date: facts.given, kind: 'consent-given', consent });
    if (facts.withdrawn) entries.push({ key: `consent-withdrawn/${consent.id}`, date: facts.withdrawn, kind: 'consent-withdrawn', consent });
  }
  const seen = new Set<string>();
  for (const task of sources.tasks) {
    if (!task.id || !task.authoredOn || seen.has(task.id)) continue;
    seen.add(task.id);
    entries.push({ key: `task/${task.id}`, date: task.authoredOn, ...(isReferralTask(task) ? { kind: 'referral', task } : { kind: 'task', task }) });
  }
  // ISO instants of different precision and offsets: compared as times, the newest first
  return entries.sort((a, b) => Date.parse(b.date) - Date.parse(a.date) || a.key.localeCompare(b.key));
}
