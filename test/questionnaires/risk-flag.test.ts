import { describe, expect, it } from 'vitest';
import {
  FLAG_DETAIL_EXTENSION,
  loadDefinition,
  PENDING_RESPONSE_REFERENCE,
  scoreResponse,
  toRiskFlag,
  TRIGGERING_ITEM_EXTENSION,
} from '../../questionnaires/index.js';
import { AUTHORED, ENCOUNTER, PATIENT, respond } from './fixtures.js';

const PHQ9 = loadDefinition('PHQ9');
const CASE_MANAGEMENT = loadDefinition('CASE_MANAGEMENT');

describe('toRiskFlag', () => {
  it('makes no Flag when no critical item was answered affirmatively', () => {
    const response = respond(PHQ9, { 'phq9-9': 'LA6568-5' });
    expect(toRiskFlag(scoreResponse(PHQ9, response), response)).toBeUndefined();
  });

  it('makes an active clinical/safety "suicide risk" Flag naming the response and the triggering item', () => {
    const response = respond(PHQ9, { 'phq9-9': 'LA6570-1' }, { id: 'qr-9', status: 'in-progress' });
    expect(toRiskFlag(scoreResponse(PHQ9, response), response)).toEqual({
      resourceType: 'Flag',
      extension: [
        { url: FLAG_DETAIL_EXTENSION, valueReference: { reference: 'QuestionnaireResponse/qr-9' } },
        {
          url: TRIGGERING_ITEM_EXTENSION,
          extension: [
            { url: 'linkId', valueString: 'phq9-9' },
            { url: 'questionnaire', valueCanonical: 'https://hiwa.health/fhir/Questionnaire/PHQ9|1.0.0' },
            { url: 'text', valueString: expect.stringContaining('better off dead') },
            { url: 'answer', valueCoding: { system: 'http://loinc.org', code: 'LA6570-1', display: 'More than half the days' } },
          ],
        },
      ],
      status: 'active',
      category: [
        { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/flag-category', code: 'clinical', display: 'Clinical' }] },
        { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/flag-category', code: 'safety', display: 'Safety' }] },
      ],
      code: { coding: [{ system: 'https://hiwa.health/fhir/CodeSystem/flag-code', code: 'suicide-risk', display: 'Suicide risk' }], text: 'Suicide risk' },
      subject: PATIENT,
      period: { start: AUTHORED },
      encounter: ENCOUNTER,
    });
  });

  it('names every triggering item of a Hiwa form', () => {
    const response = respond(CASE_MANAGEMENT, { 'cm-risk-suicidal-thoughts': true, 'cm-risk-suicide-plan': true, 'cm-risk-recent-self-harm': false });
    const flag = toRiskFlag(scoreResponse(CASE_MANAGEMENT, response), response);
    const triggers = flag?.extension?.filter((extension) => extension.url === TRIGGERING_ITEM_EXTENSION);
    expect(triggers?.map((trigger) => trigger.extension?.find((part) => part.url === 'linkId')?.valueString)).toEqual(['cm-risk-suicidal-thoughts', 'cm-risk-suicide-plan']);
    expect(triggers?.[0]?.extension).toContainEqual({ url: 'answer', valueBoolean: true });
    expect(flag?.extension?.[0]).toEqual({ url: FLAG_DETAIL_EXTENSION, valueReference: { reference: PENDING_RESPONSE_REFERENCE } });
  });

  it('throws when the response has no subject: a Flag must say whom it is about', () => {
    const { subject: _subject, ...response } = respond(PHQ9, { 'phq9-9': 'LA6571-9' });
    expect(() => toRiskFlag(scoreResponse(PHQ9, response), response)).toThrow(/subject/);
  });
});

describe("critical items of Hiwa's forms", () => {
  it.each([
    ['cm-risk-suicidal-thoughts'],
    ['cm-risk-suicide-plan'],
    ['cm-risk-recent-self-harm'],
  ])('%s answered true alerts, even with the rest of the form empty', (linkId) => {
    const result = scoreResponse(CASE_MANAGEMENT, respond(CASE_MANAGEMENT, { [linkId]: true }, { status: 'in-progress' }));
    expect(result.scores).toEqual([]);
    expect(result.alerts).toEqual([{ kind: 'suicide-risk', linkId, itemText: expect.any(String), answer: { valueBoolean: true } }]);
  });

  it('false or unanswered raises nothing, nor do non-critical items', () => {
    const response = respond(CASE_MANAGEMENT, { 'cm-risk-suicidal-thoughts': false, 'cm-risk-harm-to-others': true, 'cm-past-suicide-attempt': true });
    expect(scoreResponse(CASE_MANAGEMENT, response).alerts).toEqual([]);
  });

  it('an item marked critical answered with a Yes coding alerts', () => {
    const form = structuredClone(CASE_MANAGEMENT);
    const risk = form.item?.find((item) => item.linkId === 'cm-current-risk');
    risk?.item?.push({
      linkId: 'extra-risk',
      type: 'choice',
      extension: [{ url: 'https://hiwa.health/fhir/StructureDefinition/critical-item', valueBoolean: true }],
      answerOption: [{ valueCoding: { system: 'http://loinc.org', code: 'LA33-6' } }, { valueCoding: { system: 'http://loinc.org', code: 'LA32-8' } }],
    });
    expect(scoreResponse(form, respond(form, { 'extra-risk': 'LA33-6' })).alerts.map((alert) => alert.linkId)).toEqual(['extra-risk']);
    expect(scoreResponse(form, respond(form, { 'extra-risk': 'LA32-8' })).alerts).toEqual([]);
  });
});
