import { randomUUID } from 'node:crypto';
import type { Bundle, QuestionnaireResponse } from '@medplum/fhirtypes';
import { loadDefinition } from '../../../questionnaires/index.js';
import { PHQ9_DIFFICULTY_LINK_ID, PHQ9_ITEM_LINK_IDS, PHQ9_SUICIDE_ITEM_LINK_ID } from '../../../questionnaires/scoring/phq9.js';
import { SRQ20_ITEM_LINK_IDS, SRQ20_SUICIDE_ITEM_LINK_ID } from '../../../questionnaires/scoring/srq20.js';
import type { Random } from '../../../seed/prng.js';
import { respond, type AnswerSpec } from '../../questionnaires/fixtures.js';

/**
 * What staff send during a working day, besides reads: completed screenings and referrals. The answers are
 * random but valid, with the suicide-risk item endorsed now and then, so that some submissions raise a Flag
 * and an urgent Task as they do in the field.
 */

const RISK_ENDORSED = 0.05;
const PHQ9_DIFFICULTY_CODES = ['LA6572-7', 'LA6573-5', 'LA6575-0', 'LA6574-3'];

const forms = { PHQ9: loadDefinition('PHQ9'), SRQ20: loadDefinition('SRQ20') };

export function phq9Response(rnd: Random, patientId: string, authorId: string): QuestionnaireResponse {
  const answers: Record<string, AnswerSpec> = {};
  for (const linkId of PHQ9_ITEM_LINK_IDS) answers[linkId] = { weight: rnd.int(0, 3) };
  answers[PHQ9_SUICIDE_ITEM_LINK_ID] = { weight: rnd.chance(RISK_ENDORSED) ? rnd.int(1, 3) : 0 };
  answers[PHQ9_DIFFICULTY_LINK_ID] = rnd.pick(PHQ9_DIFFICULTY_CODES);
  return completed(respond(forms.PHQ9, answers), patientId, authorId);
}

export function srq20Response(rnd: Random, patientId: string, authorId: string): QuestionnaireResponse {
  const answers: Record<string, AnswerSpec> = {};
  for (const linkId of SRQ20_ITEM_LINK_IDS) answers[linkId] = { weight: rnd.chance(0.3) ? 1 : 0 };
  answers[SRQ20_SUICIDE_ITEM_LINK_ID] = { weight: rnd.chance(RISK_ENDORSED) ? 1 : 0 };
  return completed(respond(forms.SRQ20, answers), patientId, authorId);
}

function completed(response: QuestionnaireResponse, patientId: string, authorId: string): QuestionnaireResponse {
  const { encounter: _encounter, ...rest } = response;
  return {
    ...rest,
    subject: { reference: `Patient/${patientId}` },
    author: { reference: `Practitioner/${authorId}` },
    authored: new Date().toISOString(),
  };
}

const SERVICE_TYPE = 'https://hiwa.health/fhir/CodeSystem/service-type';

/**
 * A referral as the client makes it: the ServiceRequest (what is asked of whom) and the Task in the
 * receiving clinician's inbox, in one transaction, the Task pointing at the request by its urn:uuid.
 */
export function referralTransaction(rnd: Random, patientId: string, fromId: string, toId: string): Bundle {
  const requestUrl = `urn:uuid:${randomUUID()}`;
  const now = new Date().toISOString();
  const priority = rnd.chance(0.2) ? 'urgent' : 'routine';
  const reason = rnd.pick(['Persistent low mood after screening', 'Sleep problems and panic', 'Grief after displacement']);
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      {
        fullUrl: requestUrl,
        request: { method: 'POST', url: 'ServiceRequest' },
        resource: {
          resourceType: 'ServiceRequest',
          status: 'active',
          intent: 'order',
          priority,
          code: { coding: [{ system: SERVICE_TYPE, code: 'psychological-consultation' }] },
          subject: { reference: `Patient/${patientId}` },
          authoredOn: now,
          requester: { reference: `Practitioner/${fromId}` },
          performer: [{ reference: `Practitioner/${toId}` }],
          reasonCode: [{ text: reason }],
        },
      },
      {
        request: { method: 'POST', url: 'Task' },
        resource: {
          resourceType: 'Task',
          status: 'requested',
          intent: 'order',
          priority,
          code: { coding: [{ system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'fulfill' }] },
          description: `Referral: ${reason}`,
          focus: { reference: requestUrl },
          for: { reference: `Patient/${patientId}` },
          authoredOn: now,
          requester: { reference: `Practitioner/${fromId}` },
          owner: { reference: `Practitioner/${toId}` },
        },
      },
    ],
  };
}
