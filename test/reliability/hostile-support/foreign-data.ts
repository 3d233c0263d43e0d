import { randomBytes } from 'node:crypto';
import { randomFor } from '../../../seed/prng.js';
import { consentFor } from '../../access/consents.js';
import { phq9Response, referralTransaction } from '../load-support/forms.js';
import type { StaffMember } from '../load-support/staff.js';
import type { Attack } from './attack.js';

/**
 * The world the hostile client works in. Organisation A: the attacking caseworker's own beneficiaries
 * (with scores), and one more kept apart to check at the end. Organisation B: beneficiaries named with a
 * marker word, each with a score, a completed PHQ-9 (and the Observations the server derives from it),
 * a case and a referral: every one of them, and their versions, recorded, to be never seen and never changed.
 */
export interface HostileWorld {
  attack: Attack;
  /** a patient of organisation A nothing generated touches */
  witnessPatientId: string;
  /** `Type/id` → versionId of organisation B's records as set up */
  foreignVersions: Map<string, string>;
  /** organisation B's caseworker, to read their records back */
  owner: StaffMember;
}

interface Answer {
  status: number;
  // any: FHIR bodies are read loosely here; each use states the shape it expects
  body: any;
}

export async function api(member: StaffMember, method: string, path: string, body?: unknown): Promise<Answer> {
  const res = await fetch(`${member.origin}/fhir/R4/${path}`, {
    method,
    headers: { authorization: `Bearer ${member.accessToken}`, ...(body === undefined ? {} : { 'content-type': 'application/fhir+json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function created(member: StaffMember, type: string, resource: Record<string, unknown>): Promise<string> {
  const res = await api(member, 'POST', type, { resourceType: type, ...resource });
  if (res.status !== 201) throw new Error(`setup: ${type} not created (${res.status}): ${JSON.stringify(res.body).slice(0, 300)}`);
  return res.body.id as string;
}

const PHQ9_TOTAL = { coding: [{ system: 'http://loinc.org', code: '44261-6' }] };

export async function buildHostileWorld(attacker: StaffMember, owner: StaffMember): Promise<HostileWorld> {
  const marker = `Foreignmarker${randomBytes(4).toString('hex')}`;
  const rnd = randomFor(1, 'hostile-world', 0);
  const ownPatientIds: string[] = [];
  for (let i = 0; i < 4; i++) {
    const id = await created(attacker, 'Patient', { name: [{ family: 'Ownpatient', given: [`Case ${i}`] }], gender: 'female', birthDate: '1990-05-17' });
    await created(attacker, 'Observation', { status: 'final', code: PHQ9_TOTAL, subject: { reference: `Patient/${id}` }, valueInteger: 7 });
    ownPatientIds.push(id);
  }
  const witnessPatientId = await created(attacker, 'Patient', { name: [{ family: 'Witness' }] });

  for (let i = 0; i < 3; i++) {
    const patient = await created(owner, 'Patient', { name: [{ family: marker, given: ['Zed'] }], gender: 'male', birthDate: '1985-01-01' });
    const subject = { reference: `Patient/${patient}` };
    await created(owner, 'Observation', { status: 'final', code: PHQ9_TOTAL, subject, valueInteger: 12, note: [{ text: `${marker} note` }] });
    await created(owner, 'Consent', { ...consentFor({ patientId: patient, purpose: 'services' }) });
    await created(owner, 'EpisodeOfCare', { status: 'active', patient: subject, careManager: { reference: `Practitioner/${owner.practitionerId}` } });
    const { resourceType: _qr, ...response } = phq9Response(rnd, patient, owner.practitionerId);
    await created(owner, 'QuestionnaireResponse', response);
    const referral = await api(owner, 'POST', '', referralTransaction(rnd, patient, owner.practitionerId, owner.practitionerId));
    if (referral.status !== 200) throw new Error(`setup: referral refused (${referral.status})`);
  }
  const foreignVersions = new Map<string, string>();
  const searches = ['Patient?family=', 'Observation?subject:Patient.family=', 'QuestionnaireResponse?subject:Patient.family=', 'EpisodeOfCare?patient:Patient.family=', 'ServiceRequest?patient:Patient.family=', 'Task?patient:Patient.family=', 'Flag?patient:Patient.family='];
  for (const search of searches) {
    const res = await api(owner, 'GET', `${search}${marker}&_count=1000`);
    if (res.status !== 200) throw new Error(`setup: ${search} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
    for (const { resource } of res.body.entry ?? []) foreignVersions.set(`${resource.resourceType}/${resource.id}`, resource.meta.versionId);
  }
  return {
    attack: { token: attacker.accessToken, ownPatientIds, foreignRefs: [...foreignVersions.keys()], marker },
    witnessPatientId,
    foreignVersions,
    owner,
  };
}
