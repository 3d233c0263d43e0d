import type { Task } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { decideReferralMove, isReferralTask, names, TASK_STATUSES, type Caller, type TaskStatus } from '../../server/clinical/referral-task-machine.js';

const referrer: Caller = { internal: false, practitionerId: 'psychologist', organizationId: 'programme', roleIds: ['psychologist-role'] };
const recipient: Caller = { internal: false, practitionerId: 'psychiatrist', organizationId: 'programme', roleIds: ['psychiatrist-role'] };
const bystander: Caller = { internal: false, practitionerId: 'caseworker', organizationId: 'programme', roleIds: ['caseworker-role'] };

const referral = (status: TaskStatus): Task => ({
  resourceType: 'Task',
  status,
  intent: 'order',
  code: { coding: [{ system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'fulfill' }] },
  focus: { reference: 'ServiceRequest/sr' },
  requester: { reference: 'Practitioner/psychologist' },
  owner: { reference: 'Practitioner/psychiatrist', display: 'Dr Psychiatrist' },
});

/** What each move carries when it must (a rejection its reason, a completion its outcome). */
function moved(from: TaskStatus, to: TaskStatus): Task {
  return {
    ...referral(from),
    status: to,
    statusReason: { text: 'No capacity this month' },
    output: [{ type: { text: 'outcome' }, valueString: 'Seen; medication started' }],
  };
}

/** The machine as the issue states it: the allowed moves and whose they are. */
const moves: Partial<Record<TaskStatus, Partial<Record<TaskStatus, Caller>>>> = {
  requested: { accepted: recipient, rejected: recipient, cancelled: referrer },
  accepted: { 'in-progress': recipient },
  'in-progress': { completed: recipient },
};

describe('the referral Task machine', () => {
  const pairs = TASK_STATUSES.flatMap((from) => TASK_STATUSES.map((to) => [from, to] as const));

  it.each(pairs)('%s → %s', (from, to) => {
    const party = moves[from]?.[to];
    if (from === to) {
      expect(decideReferralMove(referral(from), moved(from, to), bystander)).toEqual({ allowed: true });
    } else if (party !== undefined) {
      expect(decideReferralMove(referral(from), moved(from, to), party)).toEqual({ allowed: true });
      const wrong = party === recipient ? referrer : recipient;
      const refused = decideReferralMove(referral(from), moved(from, to), wrong);
      expect(refused).toMatchObject({ allowed: false, status: 403 });
      if (!refused.allowed) expect(refused.message).toContain(party === recipient ? 'its recipient (Dr Psychiatrist)' : 'its referrer (Practitioner/psychologist)');
      expect(decideReferralMove(referral(from), moved(from, to), { internal: true, roleIds: [] })).toEqual({ allowed: true });
    } else {
      const allowedNext = Object.keys(moves[from] ?? {});
      // whoever asks: an illegal move is a conflict, not a question of who
      for (const caller of [referrer, recipient]) {
        expect(decideReferralMove(referral(from), moved(from, to), caller)).toMatchObject({ allowed: false, status: 409, allowedNext });
      }
    }
  });

  it('is made as requested and nothing else', () => {
    for (const status of TASK_STATUSES) {
      const decision = decideReferralMove(undefined, referral(status), referrer);
      expect(decision.allowed, status).toBe(status === 'requested');
      if (!decision.allowed) expect(decision).toMatchObject({ status: 409, allowedNext: ['requested'] });
    }
  });

  it('needs a reason to reject and an outcome note to complete (422 naming the element)', () => {
    const rejected = { ...referral('requested'), status: 'rejected' as const };
    expect(decideReferralMove(referral('requested'), rejected, recipient)).toMatchObject({ status: 422, expression: 'Task.statusReason' });
    expect(decideReferralMove(referral('requested'), { ...rejected, statusReason: { coding: [{ code: 'no-capacity' }] } }, recipient)).toEqual({ allowed: true });
    const completed = { ...referral('in-progress'), status: 'completed' as const, note: [{ text: 'a note is not the outcome' }] };
    expect(decideReferralMove(referral('in-progress'), completed, recipient)).toMatchObject({ status: 422, expression: 'Task.output' });
    expect(decideReferralMove(referral('in-progress'), { ...completed, output: [{ type: {}, valueString: '  ' }] }, recipient)).toMatchObject({ status: 422 });
    expect(decideReferralMove(referral('in-progress'), { ...completed, output: [{ type: {}, valueAnnotation: { text: 'Seen' } }] }, recipient)).toEqual({ allowed: true });
  });

  it('judges the parties of the version being answered: making oneself the owner in the same write does not help', () => {
    const hijack = { ...referral('requested'), status: 'accepted' as const, owner: { reference: 'Practitioner/caseworker' } };
    expect(decideReferralMove(referral('requested'), hijack, bystander)).toMatchObject({ status: 403 });
  });

  it('knows the recipient as a practitioner, one of their roles or their organisation', () => {
    expect(names({ reference: 'Practitioner/psychiatrist' }, recipient)).toBe(true);
    expect(names({ reference: 'PractitionerRole/psychiatrist-role' }, recipient)).toBe(true);
    expect(names({ reference: 'Organization/programme' }, recipient)).toBe(true);
    expect(names({ reference: 'Organization/partner' }, recipient)).toBe(false);
    expect(names({ reference: 'PractitionerRole/psychologist-role' }, recipient)).toBe(false);
    expect(names({ display: 'Dr Somebody' }, recipient)).toBe(false);
  });

  it('applies to Hiwa referral Tasks and to fulfil-a-ServiceRequest Tasks, not to other Tasks', () => {
    expect(isReferralTask(referral('requested'))).toBe(true);
    expect(isReferralTask({ ...referral('requested'), code: { coding: [{ system: 'https://hiwa.health/fhir/CodeSystem/task-type', code: 'referral' }] } })).toBe(true);
    expect(isReferralTask({ ...referral('requested'), focus: { reference: 'Flag/f' } })).toBe(false);
    expect(isReferralTask({ ...referral('requested'), code: { text: 'Follow-up' } })).toBe(false);
  });
});
