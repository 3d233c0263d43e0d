import type { Consent, EpisodeOfCare, PractitionerRole, Reference, Task } from '@medplum/fhirtypes';
import { STAFF_ROLE_SYSTEM } from '../auth/principal.js';
import { PURPOSE_DISPLAY } from './consent-extraction.js';
import { CONSENT_PURPOSE_SYSTEM, TASK_PARAMETER_SYSTEM, taskTypeCode } from './workflow-codes.js';

/** A Consent withdrawn by this write: it was active and is no longer (withdrawal is never a deletion). */
export function isWithdrawal(consent: Consent, previous: Consent | undefined): boolean {
  return previous?.status === 'active' && consent.status === 'inactive';
}

const WHAT_TO_DO: Record<string, string> = {
  services: 'Services stop: agree the closure of the case with the person, or record a new consent if they change their mind.',
  sharing: 'Nothing more is shared with that organisation; its access and open referrals to it have ended.',
  'doh-exchange': 'The Directorate of Health no longer receives this record.',
};

export interface WithdrawalNotice {
  consent: Consent & { id: string };
  /** the open case it concerns; undefined when the patient has none (the Task then points at the Consent) */
  episode?: EpisodeOfCare & { id: string };
  supervisors: Reference<PractitionerRole>[];
  now: Date;
}

/**
 * How the case shows a withdrawal: a Task on the case (`task-type|consent-withdrawn`, focus the
 * EpisodeOfCare) for its case manager, with the site's supervisors as recipients, naming the withdrawn
 * Consent as input and saying what follows from it. A supervisor sees it on the case and in their queue;
 * whatever rested on the consent has already ended in the same transaction.
 */
export function withdrawalTask(notice: WithdrawalNotice): Task {
  const { consent, episode, now } = notice;
  const purpose = consent.category?.flatMap((c) => c.coding ?? []).find((c) => c.system === CONSENT_PURPOSE_SYSTEM);
  const what = PURPOSE_DISPLAY[purpose?.code ?? ''] ?? purpose?.display ?? 'a purpose';
  const manager = episode?.careManager;
  return {
    resourceType: 'Task',
    status: 'requested',
    intent: 'order',
    priority: purpose?.code === 'services' ? 'urgent' : 'routine',
    code: taskTypeCode('consent-withdrawn'),
    description: `Consent withdrawn: ${what}. ${WHAT_TO_DO[purpose?.code ?? ''] ?? ''}`.trim(),
    focus: episode === undefined ? { reference: `Consent/${consent.id}` } : { reference: `EpisodeOfCare/${episode.id}` },
    ...(consent.patient === undefined ? {} : { for: consent.patient }),
    authoredOn: now.toISOString(),
    ...(manager === undefined ? {} : { owner: manager }),
    performerType: [{ coding: [{ system: STAFF_ROLE_SYSTEM, code: 'supervisor', display: 'Supervisor' }], text: "The case manager and the site's supervisors" }],
    ...(notice.supervisors.length === 0 ? {} : { restriction: { recipient: notice.supervisors } }),
    input: [
      {
        type: { coding: [{ system: TASK_PARAMETER_SYSTEM, code: 'withdrawn-consent', display: 'Withdrawn consent' }] },
        valueReference: { reference: `Consent/${consent.id}` },
      },
    ],
  };
}
