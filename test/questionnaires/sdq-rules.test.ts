import { describe, expect, it } from 'vitest';
import { loadDefinition, scoreResponse } from '../../questionnaires/index.js';
import { sdqItemLinkId } from '../../questionnaires/scoring/sdq-items.js';
import { allWeighted, respond } from './fixtures.js';
import { DIFFICULTY_LINK_IDS, impactLinkIds, sdqScore, subscaleLinkIds } from './sdq-helpers.js';

const PARENT = loadDefinition('SDQ_P4_17');
const TEACHER = loadDefinition('SDQ_T4_17');
const item = (n: number) => sdqItemLinkId(n);

describe('SDQ scale scores from raw answers (Not true 0, Somewhat true 1, Certainly true 2)', () => {
  it('emotional: items 3, 8, 13, 16, 24', () => {
    const answers = { [item(3)]: 'certainly-true', [item(8)]: 'somewhat-true', [item(13)]: 'not-true', [item(16)]: 'certainly-true', [item(24)]: 'somewhat-true' };
    expect(sdqScore(PARENT, answers, 'emotional').outcome).toEqual({ status: 'computed', value: 6 });
  });

  it('reverse-scored item 7 (obeys) counts Not true as 2 and Certainly true as 0 in conduct', () => {
    const others = { [item(5)]: 'not-true', [item(12)]: 'not-true', [item(18)]: 'not-true', [item(22)]: 'not-true' };
    expect(sdqScore(PARENT, { ...others, [item(7)]: 'not-true' }, 'conduct').outcome).toEqual({ status: 'computed', value: 2 });
    expect(sdqScore(PARENT, { ...others, [item(7)]: 'somewhat-true' }, 'conduct').outcome).toEqual({ status: 'computed', value: 1 });
    expect(sdqScore(PARENT, { ...others, [item(7)]: 'certainly-true' }, 'conduct').outcome).toEqual({ status: 'computed', value: 0 });
  });

  it('reverse-scored items 11 (friend) and 14 (popular) lower peer problems when Certainly true', () => {
    const answers = { [item(6)]: 'not-true', [item(11)]: 'certainly-true', [item(14)]: 'certainly-true', [item(19)]: 'not-true', [item(23)]: 'not-true' };
    expect(sdqScore(PARENT, answers, 'peer').outcome).toEqual({ status: 'computed', value: 0 });
    const reversed = { ...answers, [item(11)]: 'not-true', [item(14)]: 'not-true' };
    expect(sdqScore(PARENT, reversed, 'peer').outcome).toEqual({ status: 'computed', value: 4 });
  });

  it('reverse-scored items 21 (reflect) and 25 (attends) in hyperactivity', () => {
    const answers = { [item(2)]: 'certainly-true', [item(10)]: 'certainly-true', [item(15)]: 'certainly-true', [item(21)]: 'not-true', [item(25)]: 'not-true' };
    expect(sdqScore(PARENT, answers, 'hyperactivity').outcome).toEqual({ status: 'computed', value: 10 });
  });

  it('prosocial (1, 4, 9, 17, 20) is scored straight, high is good', () => {
    const answers = allWeighted(subscaleLinkIds('prosocial'), 2);
    expect(sdqScore(PARENT, answers, 'prosocial').outcome).toEqual({ status: 'computed', value: 10 });
  });
});

describe('SDQ pro-rating: at least 3 of 5 items, round(mean × 5) with halves up', () => {
  const emotional = subscaleLinkIds('emotional');
  const answer = (weights: number[]) => Object.fromEntries(weights.map((weight, index) => [emotional[index] ?? '', { weight }]));

  it.each([
    [[1, 1, 0, 0, 0], 2, 'all five answered: the plain sum'],
    [[1, 1, 0, 0], 3, '4 answered summing to 2: 2/4 × 5 = 2.5 rounds up to 3'],
    [[2, 2, 1, 1], 8, '4 answered summing to 6: 7.5 rounds up to 8'],
    [[1, 0, 0, 0], 1, '4 answered summing to 1: 1.25 rounds to 1'],
    [[2, 1, 1, 1], 6, '4 answered summing to 5: 6.25 rounds to 6'],
    [[2, 2, 0], 7, '3 answered summing to 4: 6.67 rounds to 7'],
    [[1, 0, 0], 2, '3 answered summing to 1: 1.67 rounds to 2'],
    [[2, 2, 2], 10, '3 answered, all 2: 10'],
  ])('%j → %i (%s)', (weights, expected) => {
    expect(sdqScore(PARENT, answer(weights), 'emotional').outcome).toEqual({ status: 'computed', value: expected });
  });

  it('is missing with only 2 answered, naming the unanswered items', () => {
    expect(sdqScore(PARENT, answer([2, 2]), 'emotional').outcome).toEqual({
      status: 'missing',
      reason: { kind: 'items-unanswered', linkIds: emotional.slice(2) },
    });
  });

  it('is missing as not administered with none answered', () => {
    expect(sdqScore(PARENT, {}, 'emotional').outcome).toEqual({ status: 'missing', reason: { kind: 'not-administered' } });
  });
});

describe('SDQ composite scores', () => {
  const everyDifficulty = allWeighted(DIFFICULTY_LINK_IDS, 1);

  it('total = emotional + conduct + hyperactivity + peer; externalising = conduct + hyperactivity; internalising = emotional + peer', () => {
    const result = scoreResponse(PARENT, respond(PARENT, everyDifficulty));
    const value = (code: string) => result.scores.find((score) => score.code.code === code)?.outcome;
    expect(value('sdq-total')).toEqual({ status: 'computed', value: 20 });
    expect(value('sdq-externalising')).toEqual({ status: 'computed', value: 10 });
    expect(value('sdq-internalising')).toEqual({ status: 'computed', value: 10 });
  });

  it('prosocial is not part of the total', () => {
    const withProsocial = { ...everyDifficulty, ...allWeighted(subscaleLinkIds('prosocial'), 2) };
    expect(sdqScore(PARENT, withProsocial, 'total').outcome).toEqual({ status: 'computed', value: 20 });
  });

  it('uses the pro-rated scale scores', () => {
    const answers = { ...everyDifficulty };
    delete answers[item(3)]; // emotional 4 answered summing to 4 → 5
    expect(sdqScore(PARENT, answers, 'emotional').outcome).toEqual({ status: 'computed', value: 5 });
    expect(sdqScore(PARENT, answers, 'total').outcome).toEqual({ status: 'computed', value: 20 });
  });

  it('total and internalising are missing when emotional is missing; externalising is still computed', () => {
    const answers = { ...everyDifficulty };
    for (const linkId of subscaleLinkIds('emotional').slice(0, 3)) delete answers[linkId];
    const result = scoreResponse(PARENT, respond(PARENT, answers));
    const outcome = (code: string) => result.scores.find((score) => score.code.code === code)?.outcome;
    expect(outcome('sdq-emotional')?.status).toBe('missing');
    expect(outcome('sdq-total')).toEqual({ status: 'missing', reason: { kind: 'component-missing', components: ['sdq-emotional'] } });
    expect(outcome('sdq-internalising')).toEqual({ status: 'missing', reason: { kind: 'component-missing', components: ['sdq-emotional'] } });
    expect(outcome('sdq-externalising')).toEqual({ status: 'computed', value: 10 });
  });

  it('externalising is missing when conduct is missing; internalising is still computed', () => {
    const answers = { ...everyDifficulty };
    for (const linkId of subscaleLinkIds('conduct').slice(0, 3)) delete answers[linkId];
    const result = scoreResponse(PARENT, respond(PARENT, answers));
    const outcome = (code: string) => result.scores.find((score) => score.code.code === code)?.outcome;
    expect(outcome('sdq-externalising')).toEqual({ status: 'missing', reason: { kind: 'component-missing', components: ['sdq-conduct'] } });
    expect(outcome('sdq-internalising')).toEqual({ status: 'computed', value: 10 });
  });

  it('a missing prosocial scale leaves the total alone', () => {
    expect(sdqScore(PARENT, everyDifficulty, 'prosocial').outcome.status).toBe('missing');
    expect(sdqScore(PARENT, everyDifficulty, 'total').outcome.status).toBe('computed');
  });
});

describe('SDQ impact supplement', () => {
  const parentImpact = impactLinkIds(PARENT);
  const teacherImpact = impactLinkIds(TEACHER);

  it('recodes distress and interference: Not at all 0, Only a little 0, Quite a lot 1, A great deal 2', () => {
    const [distress, home, friendships, classroom, leisure] = parentImpact;
    const answers = {
      'sdq-impact-overall': 'yes-minor',
      [distress ?? '']: 'not-at-all', [home ?? '']: 'only-a-little', [friendships ?? '']: 'quite-a-lot', [classroom ?? '']: 'a-great-deal', [leisure ?? '']: 'only-a-little',
    };
    expect(sdqScore(PARENT, answers, 'impact').outcome).toEqual({ status: 'computed', value: 3 });
  });

  it('parent and self impact reach 10 (distress and four areas of interference)', () => {
    const answers = { 'sdq-impact-overall': 'yes-severe', ...Object.fromEntries(parentImpact.map((linkId) => [linkId, 'a-great-deal'])) };
    expect(sdqScore(PARENT, answers, 'impact').outcome).toEqual({ status: 'computed', value: 10 });
    const self = loadDefinition('SDQ_S11_17');
    expect(sdqScore(self, answers, 'impact').outcome).toEqual({ status: 'computed', value: 10 });
  });

  it('teacher impact runs 0–6: distress, peer relationships and classroom learning only', () => {
    expect(teacherImpact).toEqual(['sdq-impact-distress', 'sdq-impact-peers', 'sdq-impact-classroom']);
    const top = { 'sdq-impact-overall': 'yes-severe', ...Object.fromEntries(teacherImpact.map((linkId) => [linkId, 'a-great-deal'])) };
    const bottom = { 'sdq-impact-overall': 'yes-minor', ...Object.fromEntries(teacherImpact.map((linkId) => [linkId, 'only-a-little'])) };
    const score = sdqScore(TEACHER, top, 'impact');
    expect(score.outcome).toEqual({ status: 'computed', value: 6 });
    expect(score.range).toEqual({ min: 0, max: 6 });
    expect(sdqScore(TEACHER, bottom, 'impact').outcome).toEqual({ status: 'computed', value: 0 });
  });

  it('is 0 when the overall answer is No, even if distress and interference were answered', () => {
    const answers = { 'sdq-impact-overall': 'no', ...Object.fromEntries(parentImpact.map((linkId) => [linkId, 'a-great-deal'])) };
    expect(sdqScore(PARENT, answers, 'impact').outcome).toEqual({ status: 'computed', value: 0 });
  });

  it('is 0 when the overall answer is No and nothing else was asked', () => {
    const score = sdqScore(TEACHER, { 'sdq-impact-overall': 'no' }, 'impact');
    expect(score.outcome).toEqual({ status: 'computed', value: 0 });
    expect(score.bands.map((band) => band.code)).toEqual(['normal', 'close-to-average']);
  });

  it('ignores chronicity and burden', () => {
    const base = { 'sdq-impact-overall': 'yes-definite', ...Object.fromEntries(parentImpact.map((linkId) => [linkId, 'quite-a-lot'])) };
    const withUnscored = { ...base, 'sdq-impact-chronicity': 'over-1-year', 'sdq-impact-burden': 'a-great-deal' };
    expect(sdqScore(PARENT, withUnscored, 'impact').outcome).toEqual(sdqScore(PARENT, base, 'impact').outcome);
    expect(sdqScore(PARENT, base, 'impact').outcome).toEqual({ status: 'computed', value: 5 });
  });

  it('is missing when difficulties are reported but a distress or interference item is unanswered', () => {
    const answers = { 'sdq-impact-overall': 'yes-definite', ...Object.fromEntries(parentImpact.slice(1).map((linkId) => [linkId, 'quite-a-lot'])) };
    expect(sdqScore(PARENT, answers, 'impact').outcome).toEqual({ status: 'missing', reason: { kind: 'items-unanswered', linkIds: ['sdq-impact-distress'] } });
  });

  it('sums distress and interference when the overall question is unanswered (only "No" forces 0)', () => {
    const answers = Object.fromEntries(parentImpact.map((linkId) => [linkId, 'quite-a-lot']));
    expect(sdqScore(PARENT, answers, 'impact').outcome).toEqual({ status: 'computed', value: 5 });
    const teacher = Object.fromEntries(teacherImpact.map((linkId) => [linkId, 'a-great-deal']));
    expect(sdqScore(TEACHER, teacher, 'impact').outcome).toEqual({ status: 'computed', value: 6 });
  });

  it('is missing when the overall question is unanswered and an impact item is too', () => {
    expect(sdqScore(PARENT, { 'sdq-impact-distress': 'a-great-deal' }, 'impact').outcome).toEqual({
      status: 'missing',
      reason: { kind: 'items-unanswered', linkIds: parentImpact.slice(1) },
    });
  });

  it('is missing, naming every item, when difficulties are reported but no distress or interference item is answered', () => {
    expect(sdqScore(PARENT, { 'sdq-impact-overall': 'yes-minor' }, 'impact').outcome).toEqual({
      status: 'missing',
      reason: { kind: 'items-unanswered', linkIds: parentImpact },
    });
  });

  it('is not administered when the supplement was not given', () => {
    expect(sdqScore(PARENT, allWeighted(DIFFICULTY_LINK_IDS, 1), 'impact').outcome).toEqual({ status: 'missing', reason: { kind: 'not-administered' } });
  });
});

describe('SDQ results', () => {
  it.each(['SDQ_P4_17', 'SDQ_T4_17', 'SDQ_P2_4', 'SDQ_T2_4', 'SDQ_S11_17'])('%s yields the nine scores of the contract and never an alert', (name) => {
    const questionnaire = loadDefinition(name);
    const answers = { ...allWeighted(DIFFICULTY_LINK_IDS, 2), ...allWeighted(subscaleLinkIds('prosocial'), 0), 'sdq-impact-overall': 'yes-severe' };
    const result = scoreResponse(questionnaire, respond(questionnaire, answers));
    expect(result.scores.map((score) => score.code)).toEqual(
      ['emotional', 'conduct', 'hyperactivity', 'peer', 'prosocial', 'total', 'externalising', 'internalising', 'impact'].map((scale) => ({
        system: 'https://hiwa.health/fhir/CodeSystem/hiwa-scores',
        code: `sdq-${scale}`,
        display: expect.any(String),
      })),
    );
    expect(result.alerts).toEqual([]);
  });
});
