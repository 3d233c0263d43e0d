import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { loadDefinition } from '../../questionnaires/index.js';
import { createAnswerStore } from '../../client/src/questionnaire/answer-store.js';
import { previewScores } from '../../client/src/questionnaire/score-preview.js';
import { NO_FORM_ISSUES } from '../../client/src/questionnaire/form-context.js';
import { QuestionnaireForm } from '../../client/src/questionnaire/QuestionnaireForm.js';
import { renderMarkup } from './support/render.js';

const phq9 = loadDefinition('PHQ9');
const optionOf = (linkId: string, index: number) => phq9.item?.find((item) => item.linkId === linkId)?.answerOption?.[index]?.valueCoding;

describe('the live score preview while a form is filled', () => {
  it('PHQ-9 item 9 "Several days" warns at once, before the total can be worked out', () => {
    const store = createAnswerStore();
    store.set('phq9-9', [{ valueCoding: optionOf('phq9-9', 1) }]);
    const preview = previewScores(phq9, store);
    expect(preview.alerts.map((alert) => alert.linkId)).toEqual(['phq9-9']);
    expect(preview.scores[0]?.outcome.status).toBe('missing');

    const html = renderMarkup(createElement(QuestionnaireForm, { questionnaire: phq9, store, issues: NO_FORM_ISSUES }));
    // right under the question answered, where the person is looking
    const warningAt = html.indexOf('<div role="alert" class="critical-warning"');
    expect(warningAt).toBeGreaterThan(html.indexOf('9. Thoughts that you would be better off dead'));
    expect(warningAt).toBeLessThan(html.indexOf('10. If you checked off any problems'));
    expect(html).toContain('Possible suicide risk: act now, before you save');
    expect(html).toContain('Next steps');
    expect(html).toContain('not complete yet');
  });

  it('the total and its band by the shared scoring rules once items 1–9 are answered; no warning for "Not at all"', () => {
    const store = createAnswerStore();
    for (let item = 1; item <= 8; item++) store.set(`phq9-${item}`, [{ valueCoding: optionOf(`phq9-${item}`, 2) }]);
    store.set('phq9-9', [{ valueCoding: optionOf('phq9-9', 0) }]);
    const preview = previewScores(phq9, store);
    expect(preview.alerts).toEqual([]);
    expect(preview.scores[0]?.outcome).toEqual({ status: 'computed', value: 16 });
    const html = renderMarkup(createElement(QuestionnaireForm, { questionnaire: phq9, store, issues: NO_FORM_ISSUES }));
    expect(html).toContain('16 of 27 · Moderately severe');
    expect(html).not.toContain('critical-warning');
  });

  it('a form that is not scored shows no score, but a critical answer in it still warns', () => {
    const consent = loadDefinition('CONSENT');
    expect(previewScores(consent, createAnswerStore()).scores).toEqual([]);
  });
});
