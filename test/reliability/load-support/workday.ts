import type { Random } from '../../../seed/prng.js';
import { consentFor } from '../../access/consents.js';
import { PHQ9_TOTAL, SRQ20_TOTAL, searchNames } from '../../bench/scenarios.js';
import { phq9Response, referralTransaction, srq20Response } from './forms.js';
import type { StaffMember } from './staff.js';

/** One request of the working day, as the load driver sends and checks it. */
export interface Call {
  method: 'GET' | 'POST';
  /** below the FHIR base, e.g. `Patient?name=Ali` */
  path: string;
  body?: unknown;
  /** the one status that counts as success */
  expect: number;
}

/** Sends a call under the name of the action it belongs to; resolves with the parsed body of a success, undefined otherwise. */
export type Send = (action: ActionName, call: Call) => Promise<unknown>;

/** Who is at work: the patients each site's staff reach, and the psychologists referrals go to. */
export interface Workplace {
  /** patient ids at each site without a case manager: every member of staff there reaches them */
  sharedCaseload: Map<string, string[]>;
  /** psychologists' Practitioner ids per site */
  psychologists: Map<string, string[]>;
}

export const actionNames = [
  'read patient',
  'search by name',
  'scores: subject + code',
  'recent caseload',
  'active alerts',
  'task inbox',
  'submit PHQ-9',
  'submit SRQ-20',
  'referral',
  'register + open case',
] as const;
export type ActionName = (typeof actionNames)[number];

/** How often each action comes up: mostly reading and searching, a form every few turns, now and then a referral or a new beneficiary. */
const weights: readonly (readonly [ActionName, number])[] = [
  ['read patient', 20],
  ['search by name', 18],
  ['scores: subject + code', 18],
  ['recent caseload', 5],
  ['active alerts', 6],
  ['task inbox', 6],
  ['submit PHQ-9', 9],
  ['submit SRQ-20', 8],
  ['referral', 5],
  ['register + open case', 5],
];

/**
 * One member of staff's day: their own beneficiaries (registered today, with a case they manage) besides
 * the site's shared caseload. Each turn is one action of one or two requests.
 */
export class StaffDay {
  private readonly own: string[] = [];

  constructor(
    private readonly member: StaffMember,
    private readonly workplace: Workplace,
    private readonly rnd: Random,
  ) {}

  async turn(send: Send): Promise<void> {
    const action = this.rnd.weighted(weights);
    const patient = this.anyPatient();
    const me = this.member.practitionerId;
    switch (action) {
      case 'read patient':
        return void (await send(action, { method: 'GET', path: `Patient/${patient}`, expect: 200 }));
      case 'search by name':
        return void (await send(action, { method: 'GET', path: `Patient?name=${encodeURIComponent(this.rnd.pick(searchNames))}`, expect: 200 }));
      case 'scores: subject + code': {
        const code = this.rnd.chance(0.5) ? PHQ9_TOTAL : SRQ20_TOTAL;
        return void (await send(action, { method: 'GET', path: `Observation?subject=Patient/${patient}&code=${encodeURIComponent(code)}`, expect: 200 }));
      }
      case 'recent caseload':
        return void (await send(action, { method: 'GET', path: 'Patient?_sort=-_lastUpdated&_count=20', expect: 200 }));
      case 'active alerts':
        return void (await send(action, { method: 'GET', path: `Flag?patient=Patient/${patient}`, expect: 200 }));
      case 'task inbox': {
        const inbox = this.member.role === 'supervisor' ? 'priority=urgent&status=requested' : `owner=Practitioner/${me}&status=requested`;
        return void (await send(action, { method: 'GET', path: `Task?${inbox}`, expect: 200 }));
      }
      case 'submit PHQ-9':
        return void (await send(action, { method: 'POST', path: 'QuestionnaireResponse', body: phq9Response(this.rnd, patient, me), expect: 201 }));
      case 'submit SRQ-20':
        return void (await send(action, { method: 'POST', path: 'QuestionnaireResponse', body: srq20Response(this.rnd, patient, me), expect: 201 }));
      case 'referral': {
        const to = this.rnd.pick(this.workplace.psychologists.get(this.member.siteId) ?? [me]);
        return void (await send(action, { method: 'POST', path: '', body: referralTransaction(this.rnd, patient, me, to), expect: 200 }));
      }
      case 'register + open case':
        return this.register(send);
    }
  }

  /** A new beneficiary, their consent to services, and a case this member of staff manages (so from now on only they, and the site's clinicians, reach them). */
  private async register(send: Send): Promise<void> {
    const given = this.rnd.pick(searchNames);
    const patient = (await send('register + open case', {
      method: 'POST',
      path: 'Patient',
      body: { resourceType: 'Patient', name: [{ given: [given], family: this.rnd.pick(searchNames) }], gender: this.rnd.pick(['female', 'male']) },
      expect: 201,
    })) as { id?: string } | undefined;
    if (patient?.id === undefined) return;
    // A case is opened only with the beneficiary's consent to services (the server refuses it otherwise).
    const consent = await send('register + open case', {
      method: 'POST',
      path: 'Consent',
      body: consentFor({ patientId: patient.id, purpose: 'services' }),
      expect: 201,
    });
    if (consent === undefined) return;
    const episode = await send('register + open case', {
      method: 'POST',
      path: 'EpisodeOfCare',
      body: {
        resourceType: 'EpisodeOfCare',
        status: 'active',
        patient: { reference: `Patient/${patient.id}` },
        careManager: { reference: `Practitioner/${this.member.practitionerId}` },
      },
      expect: 201,
    });
    if (episode !== undefined) this.own.push(patient.id);
  }

  private anyPatient(): string {
    const shared = this.workplace.sharedCaseload.get(this.member.siteId) ?? [];
    const fromOwn = this.own.length > 0 && this.rnd.chance(0.3);
    return fromOwn || shared.length === 0 ? this.rnd.pick(this.own) : this.rnd.pick(shared);
  }
}
