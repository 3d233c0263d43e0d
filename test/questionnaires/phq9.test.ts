import { describe, expect, it } from 'vitest';
import { loadDefinition, scoreResponse, type Score } from '../../questionnaires/index.js';
import { PHQ9_ITEM_LINK_IDS } from '../../questionnaires/scoring/phq9.js';
import { respond, weightsSumming, type AnswerSpec } from './fixtures.js';

const PHQ9 = loadDefinition('PHQ9');
const total = (answers: Record<string, AnswerSpec>): Score => {
  const score = scoreResponse(PHQ9, respond(PHQ9, answers)).scores.find((candidate) => candidate.code.code === '44261-6');
  if (score === undefined) throw new Error('no PHQ-9 total');
  return score;
};

describe('PHQ-9 total (LOINC 44261-6): sum of items 1–9, 0–27', () => {
  it('adds the weights of the chosen LOINC answers: Not at all 0, Several days 1, More than half the days 2, Nearly every day 3', () => {
    const score = total({
      'phq9-1': 'LA6568-5', 'phq9-2': 'LA6569-3', 'phq9-3': 'LA6570-1', 'phq9-4': 'LA6571-9', 'phq9-5': 'LA6568-5',
      'phq9-6': 'LA6569-3', 'phq9-7': 'LA6570-1', 'phq9-8': 'LA6571-9', 'phq9-9': 'LA6568-5',
    });
    expect(score.outcome).toEqual({ status: 'computed', value: 12 });
    expect(score.code).toEqual({ system: 'http://loinc.org', code: '44261-6' });
  });

  // Kroenke 2001: 0–4 none/minimal, 5–9 mild, 10–14 moderate, 15–19 moderately severe, 20–27 severe.
  it.each([
    [0, 'none-minimal'], [4, 'none-minimal'],
    [5, 'mild'], [9, 'mild'],
    [10, 'moderate'], [14, 'moderate'],
    [15, 'moderately-severe'], [19, 'moderately-severe'],
    [20, 'severe'], [27, 'severe'],
  ])('a total of %i is %s', (value, band) => {
    const score = total(weightsSumming(PHQ9_ITEM_LINK_IDS, value, 3));
    expect(score.outcome).toEqual({ status: 'computed', value });
    expect(score.bands).toEqual([{ code: band, display: expect.any(String), table: expect.objectContaining({ id: 'phq9-kroenke-2001' }) }]);
  });

  it('is absent, not pro-rated, when any of items 1–9 is missing, and names the missing items', () => {
    const answers = weightsSumming(PHQ9_ITEM_LINK_IDS, 27, 3);
    delete answers['phq9-3'];
    delete answers['phq9-7'];
    const score = total(answers);
    expect(score.outcome).toEqual({ status: 'missing', reason: { kind: 'items-unanswered', linkIds: ['phq9-3', 'phq9-7'] } });
    expect(score.bands).toEqual([]);
  });

  it('is absent as not administered when nothing was answered', () => {
    expect(total({}).outcome).toEqual({ status: 'missing', reason: { kind: 'not-administered' } });
  });
});

describe('PHQ-9 item 10 (difficulty, LOINC 69722-7)', () => {
  const allNotAtAll = weightsSumming(PHQ9_ITEM_LINK_IDS, 0, 3);

  it('is never added to the total, whatever is answered', () => {
    for (const code of ['LA6572-7', 'LA6573-5', 'LA6575-0', 'LA6574-3']) {
      expect(total({ ...allNotAtAll, 'phq9-10': code }).outcome).toEqual({ status: 'computed', value: 0 });
    }
  });

  it('is kept as its own record with the answer coding', () => {
    const result = scoreResponse(PHQ9, respond(PHQ9, { ...allNotAtAll, 'phq9-10': 'LA6574-3' }));
    expect(result.recordedAnswers).toEqual([
      {
        code: { system: 'http://loinc.org', code: '69722-7' },
        title: expect.any(String),
        linkId: 'phq9-10',
        answer: { system: 'http://loinc.org', code: 'LA6574-3', display: 'Extremely difficult' },
      },
    ]);
  });

  it('is not recorded when unanswered', () => {
    expect(scoreResponse(PHQ9, respond(PHQ9, allNotAtAll)).recordedAnswers).toEqual([]);
  });

  it('does not complete a total with a missing item', () => {
    const answers: Record<string, AnswerSpec> = { ...allNotAtAll, 'phq9-10': 'LA6573-5' };
    delete answers['phq9-1'];
    expect(total(answers).outcome.status).toBe('missing');
  });
});

describe('PHQ-9 item 9 (thoughts of being better off dead or of self-harm)', () => {
  it.each([
    ['LA6569-3', 'Several days'],
    ['LA6570-1', 'More than half the days'],
    ['LA6571-9', 'Nearly every day'],
  ])('%s (%s) alerts for suicide risk', (code) => {
    const result = scoreResponse(PHQ9, respond(PHQ9, { ...weightsSumming(PHQ9_ITEM_LINK_IDS, 0, 3), 'phq9-9': code }));
    expect(result.alerts).toEqual([expect.objectContaining({ kind: 'suicide-risk', linkId: 'phq9-9' })]);
  });

  it('"Not at all" raises no alert', () => {
    expect(scoreResponse(PHQ9, respond(PHQ9, weightsSumming(PHQ9_ITEM_LINK_IDS, 0, 3))).alerts).toEqual([]);
  });

  it('alerts when it is the only item answered and the total is missing', () => {
    const result = scoreResponse(PHQ9, respond(PHQ9, { 'phq9-9': 'LA6569-3' }, { status: 'in-progress' }));
    expect(result.scores[0]?.outcome.status).toBe('missing');
    expect(result.alerts.map((alert) => alert.linkId)).toEqual(['phq9-9']);
    expect(result.alerts[0]?.answer.valueCoding?.code).toBe('LA6569-3');
  });

  it('alerts with a minimal total', () => {
    const result = scoreResponse(PHQ9, respond(PHQ9, { ...weightsSumming(PHQ9_ITEM_LINK_IDS, 0, 3), 'phq9-9': 'LA6569-3' }));
    expect(result.scores[0]?.bands[0]?.code).toBe('none-minimal');
    expect(result.alerts).toHaveLength(1);
  });

  it('still alerts when a definition lost its critical-item extension (the rule belongs to the instrument)', () => {
    const stripped = structuredClone(PHQ9);
    for (const item of stripped.item ?? []) delete item.extension;
    const result = scoreResponse(stripped, respond(stripped, { 'phq9-9': 'LA6571-9' }));
    expect(result.alerts.map((alert) => alert.linkId)).toEqual(['phq9-9']);
  });
});
