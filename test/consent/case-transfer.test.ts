import type { EpisodeOfCare, Task } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../server/auth/admin/create-organization.js';
import { createSite } from '../../server/auth/admin/create-site.js';
import { decideReferralMove, nextReferralStatuses, TASK_STATUSES, type Caller, type TaskStatus } from '../../server/clinical/referral-task-machine.js';
import { consentFor } from '../access/consents.js';
import { createPatient } from '../clinical/fixtures.js';
import { allowedNextOf, member, setStatus, WRITE_WAYS, type Member } from '../clinical/workflow-fixtures.js';
import { useTestServer } from '../support/suite.js';

/**
 * Transferring a case (a Task `task-type|transfer`, focus the EpisodeOfCare) to another worker or
 * organisation: the referral machine, every state × every move through PUT, PATCH and transaction; the case
 * moves to the receiver once they accept; another organisation needs the patient's consent to share with it.
 */

const TRANSFER = { coding: [{ system: 'https://hiwa.health/fhir/CodeSystem/task-type', code: 'transfer' }] };
const outcome = { output: [{ type: { text: 'outcome' }, valueString: 'Handed over at a joint visit' }] };
const reason = { statusReason: { text: 'No capacity at our site' } };

/** What each legal move must carry. */
const carried: Partial<Record<TaskStatus, Record<string, unknown>>> = { rejected: reason, completed: outcome };
/** The way to each state from requested, and whose move each step is. */
const pathTo: Record<string, [TaskStatus, 'recipient' | 'referrer'][]> = {
  requested: [],
  accepted: [['accepted', 'recipient']],
  'in-progress': [['accepted', 'recipient'], ['in-progress', 'recipient']],
  completed: [['accepted', 'recipient'], ['in-progress', 'recipient'], ['completed', 'recipient']],
  rejected: [['rejected', 'recipient']],
  cancelled: [['cancelled', 'referrer']],
};
const legal: Record<string, Partial<Record<TaskStatus, 'recipient' | 'referrer'>>> = {
  requested: { accepted: 'recipient', rejected: 'recipient', cancelled: 'referrer' },
  accepted: { 'in-progress': 'recipient' },
  'in-progress': { completed: 'recipient' },
};

describe('the transfer machine, decided', () => {
  const sender: Caller = { internal: false, practitionerId: 'sender', roleIds: [] };
  const receiver: Caller = { internal: false, practitionerId: 'receiver', roleIds: [] };
  const transfer = (status: TaskStatus): Task => ({
    resourceType: 'Task', status, intent: 'order', code: TRANSFER, focus: { reference: 'EpisodeOfCare/e' },
    requester: { reference: 'Practitioner/sender' }, owner: { reference: 'Practitioner/receiver' },
  });
  const pairs = TASK_STATUSES.flatMap((from) => TASK_STATUSES.map((to) => [from, to] as const));
  it.each(pairs)('%s → %s', (from, to) => {
    const party = legal[from]?.[to];
    const caller = party === 'referrer' ? sender : receiver;
    const decision = decideReferralMove(transfer(from), { ...transfer(to), ...reason, ...outcome }, caller);
    if (from === to || party !== undefined) expect(decision).toEqual({ allowed: true });
    else expect(decision).toMatchObject({ allowed: false, status: 409, allowedNext: nextReferralStatuses(from) });
    if (decision.allowed === false) expect(decision.message).toContain('transfer');
  });
});

const suite = useTestServer();
const { fhir } = suite; // the test supervisor
let sender: Member;
let receiver: Member;
let partner: Member;
let partnerOrg: string;

beforeAll(async () => {
  sender = await member(suite.server, 'caseworker');
  receiver = await member(suite.server, 'caseworker');
  partnerOrg = (await createOrganization(suite.server.auth, { name: 'Receiving CSO' })).id as string;
  const partnerSite = (await createSite(suite.server.auth, { name: 'Receiving CSO site', organization: partnerOrg })).id as string;
  partner = await member(suite.server, 'caseworker', { organization: partnerOrg, sites: [partnerSite] });
});

/** A patient with consent to services and an active case held by the sender. */
async function heldCase(): Promise<EpisodeOfCare & { id: string }> {
  const patientId = await createPatient(fhir, suite.server);
  expect((await fhir('POST', 'Consent', consentFor({ patientId, purpose: 'services' }))).status).toBe(201);
  const res = await sender.fhir('POST', 'EpisodeOfCare', {
    resourceType: 'EpisodeOfCare', status: 'active', patient: { reference: `Patient/${patientId}` }, careManager: { reference: sender.reference },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

// any: a refused transfer answers an OperationOutcome, an accepted one the Task
async function askTransfer(episode: EpisodeOfCare, to: Member = receiver): Promise<{ status: number; body: any }> {
  return sender.fhir('POST', 'Task', {
    resourceType: 'Task', status: 'requested', intent: 'order', priority: 'routine', code: TRANSFER,
    focus: { reference: `EpisodeOfCare/${episode.id}` }, for: episode.patient,
    requester: { reference: sender.reference }, owner: { reference: to.reference },
    reasonCode: { text: 'The family moved to the receiver\'s area' },
  });
}

/** A transfer Task walked to `state` by the right parties. */
async function transferIn(state: string): Promise<Task> {
  const asked = await askTransfer(await heldCase());
  expect(asked.status, JSON.stringify(asked.body)).toBe(201);
  let task: Task = asked.body;
  for (const [status, party] of pathTo[state]) {
    const res = await setStatus((party === 'recipient' ? receiver : sender).fhir, 'PATCH', task, { status, ...(carried[status] ?? {}) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    task = res.body;
  }
  return task;
}

describe.each(WRITE_WAYS)('the transfer machine through %s', (way) => {
  it.each(Object.keys(pathTo))('from %s: every move the machine has goes through, every other is a 409 listing the allowed next states', async (from) => {
    const task = await transferIn(from);
    for (const to of TASK_STATUSES.filter((s) => s !== from)) {
      const party = legal[from]?.[to];
      if (party !== undefined) {
        const fresh = await transferIn(from);
        const res = await setStatus((party === 'recipient' ? receiver : sender).fhir, way, fresh, { status: to, ...(carried[to] ?? {}) });
        expect(res.status, `${from} → ${to}: ${JSON.stringify(res.body)}`).toBe(200);
        continue;
      }
      const res = await setStatus(receiver.fhir, way, task, { status: to, ...reason, ...outcome });
      expect(res.status, `${from} → ${to}`).toBe(409);
      expect(allowedNextOf(res.body)).toEqual(nextReferralStatuses(from as TaskStatus));
    }
  }, 240_000);
});

describe('what a transfer does', () => {
  it('needs the case as focus and a receiver (422 naming each)', async () => {
    const res = await sender.fhir('POST', 'Task', { resourceType: 'Task', status: 'requested', intent: 'order', code: TRANSFER, requester: { reference: sender.reference } });
    expect(res.status).toBe(422);
    expect(res.body.issue.map((i: { expression: string[] }) => i.expression[0])).toEqual(['Task.focus', 'Task.owner']);
  });

  it('the sender may not accept it (403); when the receiver accepts, the case is theirs and the sender no longer holds it', async () => {
    const episode = await heldCase();
    const task = (await askTransfer(episode)).body;
    // the receiver sees the case and the patient from the moment it is asked
    expect((await receiver.fhir('GET', `EpisodeOfCare/${episode.id}`)).status).toBe(200);
    expect((await setStatus(sender.fhir, 'PUT', task, { status: 'accepted' })).status).toBe(403);
    expect((await setStatus(receiver.fhir, 'PUT', task, { status: 'accepted' })).status).toBe(200);
    const moved = (await fhir('GET', `EpisodeOfCare/${episode.id}`)).body;
    expect(moved.careManager.reference).toBe(receiver.reference);
    expect(moved.status).toBe('active');
    expect((await receiver.fhir('GET', episode.patient.reference as string)).status).toBe(200);
    expect((await sender.fhir('GET', episode.patient.reference as string)).status).toBe(404);
  });

  it('a rejected transfer leaves the case where it was', async () => {
    const episode = await heldCase();
    const task = (await askTransfer(episode)).body;
    expect((await setStatus(receiver.fhir, 'transaction', task, { status: 'rejected', ...reason })).status).toBe(200);
    expect((await fhir('GET', `EpisodeOfCare/${episode.id}`)).body.careManager.reference).toBe(sender.reference);
  });

  it('to another organisation: 409 naming Task.owner without the consent to share with it; with it the case moves there, and a withdrawal ends the access', async () => {
    const episode = await heldCase();
    const refused = await askTransfer(episode, partner);
    expect(refused.status).toBe(409);
    expect(refused.body.issue[0].expression).toEqual(['Task.owner']);
    const patientId = (episode.patient.reference as string).split('/')[1];
    const sharing = await fhir('POST', 'Consent', consentFor({ patientId, purpose: 'sharing', actorOrganizationId: partnerOrg, until: '2099-01-01' }));
    const asked = await askTransfer(episode, partner);
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect((await setStatus(partner.fhir, 'PATCH', asked.body, { status: 'accepted' })).status).toBe(200);
    const moved = (await fhir('GET', `EpisodeOfCare/${episode.id}`)).body;
    expect(moved.managingOrganization.reference).toBe(`Organization/${partnerOrg}`);
    expect(moved.careManager.reference).toBe(partner.reference);
    expect((await partner.fhir('GET', `Patient/${patientId}`)).status).toBe(200);
    expect((await fhir('PUT', `Consent/${sharing.body.id}`, { ...sharing.body, status: 'inactive' })).status).toBe(200);
    expect((await partner.fhir('GET', `Patient/${patientId}`)).status).toBe(404);
  });
});
