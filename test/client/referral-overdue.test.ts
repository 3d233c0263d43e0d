import type { Task } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { answerDueOf, isAnswerOverdue } from '../../client/src/clinical/referrals.js';

/**
 * The inbox marks a referral overdue when the server's answer-due (two working days Sunday–Thursday in
 * Baghdad, four hours when urgent) has passed and the referral still waits for its answer.
 */

const ANSWER_DUE = 'https://hiwa.health/fhir/StructureDefinition/answer-due';
const referral = (status: Task['status'], due?: string): Task => ({
  resourceType: 'Task', status, intent: 'order',
  ...(due === undefined ? {} : { extension: [{ url: ANSWER_DUE, valueDateTime: due }] }),
});

describe('a referral in the inbox, overdue or not', () => {
  // made on Thursday 3 December 2026 at 10:00 in Baghdad (UTC+3): due on Monday at 10:00 there, 07:00 UTC
  const due = '2026-12-07T10:00:00+03:00';

  it('overdue once the answer-due instant has passed, whatever zone it is written in', () => {
    expect(isAnswerOverdue(referral('requested', due), new Date('2026-12-07T07:00:01Z'))).toBe(true);
    expect(isAnswerOverdue(referral('requested', due), new Date('2026-12-07T06:59:59Z'))).toBe(false);
    // 09:30 in Berlin is already 11:30 in Baghdad
    expect(isAnswerOverdue(referral('requested', due), new Date('2026-12-07T09:30:00+01:00'))).toBe(true);
  });

  it('over the weekend it is not yet overdue: Friday and Saturday do not count', () => {
    expect(isAnswerOverdue(referral('requested', due), new Date('2026-12-05T23:00:00+03:00'))).toBe(false);
  });

  it('an answered referral never is, and shows no answer-due; one without a deadline neither', () => {
    for (const status of ['accepted', 'in-progress'] as const) {
      expect(isAnswerOverdue(referral(status, due), new Date('2027-01-01T00:00:00Z'))).toBe(false);
      expect(answerDueOf(referral(status, due))).toBeUndefined();
    }
    expect(isAnswerOverdue(referral('requested'), new Date('2027-01-01T00:00:00Z'))).toBe(false);
    expect(answerDueOf(referral('requested', due))).toBe(due);
  });
});
