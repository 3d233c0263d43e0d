import type { Flag, Practitioner, QuestionnaireResponse, Reference, Task } from '@medplum/fhirtypes';
import type { CriticalItemAlert } from '../../questionnaires/index.js';
import { STAFF_ROLE_SYSTEM } from '../auth/principal.js';
import type { CaseClinicians } from './case-clinicians.js';
import { taskTypeCode } from './workflow-codes.js';

export interface RiskReviewInput {
  response: QuestionnaireResponse;
  flag: Flag;
  alerts: readonly CriticalItemAlert[];
  addressees: CaseClinicians;
  /** the member of staff who recorded the answer, when known */
  requester?: Reference<Practitioner>;
  now: Date;
}

/**
 * The urgent Task a suicide-risk Flag comes with: for the case's clinician (owner) and the site's supervisors
 * (performer type, and each by name in `restriction.recipient`), due by the end of the same day (UTC).
 */
export function riskReviewTask(input: RiskReviewInput): Task {
  const { response, flag, addressees, now } = input;
  const recipients = [...(addressees.clinician ? [addressees.clinician] : []), ...addressees.supervisors];
  return {
    resourceType: 'Task',
    status: 'requested',
    intent: 'order',
    priority: 'urgent',
    code: taskTypeCode('risk-review'),
    description: `Suicide risk: ${input.alerts.map(describeAlert).join('; ')}. Review with the person today.`,
    focus: { reference: `Flag/${flag.id}`, display: 'Suicide risk' },
    ...(flag.subject === undefined ? {} : { for: flag.subject }),
    ...(response.encounter === undefined ? {} : { encounter: response.encounter }),
    authoredOn: now.toISOString(),
    ...(input.requester === undefined ? {} : { requester: input.requester }),
    ...(addressees.clinician === undefined ? {} : { owner: addressees.clinician }),
    performerType: [{ coding: [{ system: STAFF_ROLE_SYSTEM, code: 'supervisor', display: 'Supervisor' }], text: "The site's supervisors" }],
    reasonReference: { reference: `QuestionnaireResponse/${response.id}` },
    restriction: {
      period: { end: endOfUtcDay(now).toISOString() },
      ...(recipients.length === 0 ? {} : { recipient: recipients }),
    },
    note: [{ text: addressedTo(addressees) }],
  };
}

function describeAlert(alert: CriticalItemAlert): string {
  const answer = alert.answer.valueCoding?.display ?? alert.answer.valueCoding?.code ?? (alert.answer.valueBoolean === true ? 'Yes' : undefined);
  const item = alert.itemText ?? alert.linkId;
  return answer === undefined ? `"${item}"` : `"${item}" answered "${answer}"`;
}

function addressedTo(addressees: CaseClinicians): string {
  const supervisors = `the site's supervisors (${addressees.supervisors.length} named as recipients)`;
  const whom = addressees.clinician ? `For the case's clinician and ${supervisors}` : `No clinician holds the case: for ${supervisors}`;
  return `${whom}. Review the risk with the person today.`;
}

/** The last millisecond of the UTC day of `now`: "due the same day". */
export function endOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 23, 59, 59, 999));
}
