import { describe, expect, it } from 'vitest';
import { loadDefinition, parseScoringSettings, scoreResponse, type ScoringSettingsInput } from '../../questionnaires/index.js';
import { SRQ20_ITEM_LINK_IDS } from '../../questionnaires/scoring/srq20.js';
import { respond, weightsSumming, type AnswerSpec } from './fixtures.js';

const SRQ20 = loadDefinition('SRQ20');
const score = (answers: Record<string, AnswerSpec>, settings?: ScoringSettingsInput) => scoreResponse(SRQ20, respond(SRQ20, answers), settings);
/** `yes` Yes answers (items 1.., so item 17 only from 17 up), the rest No. */
const yesCount = (yes: number) => weightsSumming(SRQ20_ITEM_LINK_IDS, yes, 1);

describe('SRQ-20 total (hiwa-scores srq20-total): number of Yes, 0–20', () => {
  it('counts Yes (LOINC LA33-6) as 1 and No (LA32-8) as 0', () => {
    const answers = Object.fromEntries(SRQ20_ITEM_LINK_IDS.map((linkId, index) => [linkId, index % 4 === 0 ? 'LA33-6' : 'LA32-8']));
    const [total] = score(answers).scores;
    expect(total?.code).toEqual({ system: 'https://hiwa.health/fhir/CodeSystem/hiwa-scores', code: 'srq20-total', display: expect.any(String) });
    expect(total?.outcome).toEqual({ status: 'computed', value: 5 });
  });

  it('is absent when any item is missing', () => {
    const answers = yesCount(20);
    delete answers['srq20-20'];
    expect(score(answers).scores[0]?.outcome).toEqual({ status: 'missing', reason: { kind: 'items-unanswered', linkIds: ['srq20-20'] } });
  });
});

describe('SRQ-20 band against the deployment cut-off (positive at or above it)', () => {
  it.each([
    [undefined, 0, 'negative'],
    [undefined, 7, 'negative'],
    [undefined, 8, 'positive'],
    [undefined, 20, 'positive'],
    [6, 5, 'negative'],
    [6, 6, 'positive'],
    [1, 0, 'negative'],
    [1, 1, 'positive'],
    [20, 19, 'negative'],
    [20, 20, 'positive'],
  ])('cut-off %s (default 8): a total of %i is %s', (cutoff, value, band) => {
    const [total] = score(yesCount(value), cutoff === undefined ? {} : { srq20Cutoff: cutoff }).scores;
    expect(total?.outcome).toEqual({ status: 'computed', value });
    expect(total?.bands).toEqual([
      { code: band, display: expect.any(String), table: expect.objectContaining({ id: 'srq20-deployment-cutoff', cutoff: cutoff ?? 8 }) },
    ]);
  });

  it('always stores the raw total, whatever the cut-off', () => {
    expect(score(yesCount(9), { srq20Cutoff: 12 }).scores[0]?.outcome).toEqual({ status: 'computed', value: 9 });
  });

  it.each([[0], [21], [7.5], ['8']])('rejects a cut-off of %j', (cutoff) => {
    expect(() => parseScoringSettings({ srq20Cutoff: cutoff })).toThrow();
  });

  it('rejects unknown settings rather than ignoring a typo', () => {
    expect(() => parseScoringSettings({ srq20CutOff: 6 })).toThrow();
  });
});

describe('SRQ-20 item 17 (thought of ending one\'s life)', () => {
  it('Yes alerts even with the total below a raised cut-off', () => {
    const answers = { ...yesCount(0), 'srq20-17': 'LA33-6' };
    const result = score(answers, { srq20Cutoff: 12 });
    expect(result.scores[0]?.bands[0]?.code).toBe('negative');
    expect(result.alerts).toEqual([expect.objectContaining({ kind: 'suicide-risk', linkId: 'srq20-17' })]);
  });

  it('Yes alerts with a lowered cut-off and the total positive', () => {
    const result = score({ ...yesCount(20) }, { srq20Cutoff: 5 });
    expect(result.scores[0]?.bands[0]?.code).toBe('positive');
    expect(result.alerts.map((alert) => alert.linkId)).toEqual(['srq20-17']);
  });

  it('Yes alerts when it is the only answer', () => {
    expect(score({ 'srq20-17': 'LA33-6' }).alerts.map((alert) => alert.linkId)).toEqual(['srq20-17']);
  });

  it('No raises no alert even with every other item Yes', () => {
    const answers = { ...yesCount(20), 'srq20-17': 'LA32-8' };
    expect(score(answers).alerts).toEqual([]);
  });
});
