import { describe, expect, it } from 'vitest';
import {
  BAND_TABLE_EXTENSION,
  loadDefinition,
  PENDING_RESPONSE_REFERENCE,
  SCORE_CUTOFF_EXTENSION,
  scoreResponse,
  toObservations,
} from '../../questionnaires/index.js';
import { PHQ9_ITEM_LINK_IDS } from '../../questionnaires/scoring/phq9.js';
import { SRQ20_ITEM_LINK_IDS } from '../../questionnaires/scoring/srq20.js';
import { AUTHORED, ENCOUNTER, PATIENT, allWeighted, respond, weightsSumming } from './fixtures.js';
import { DIFFICULTY_LINK_IDS } from './sdq-helpers.js';

const NOW = new Date('2025-03-01T10:00:00Z');
const PHQ9 = loadDefinition('PHQ9');

describe('toObservations', () => {
  it('makes a final survey Observation per score, about the response subject, derived from the response', () => {
    const response = respond(PHQ9, { ...weightsSumming(PHQ9_ITEM_LINK_IDS, 11, 3), 'phq9-10': 'LA6573-5' }, { id: 'qr-1' });
    const [total, difficulty] = toObservations(scoreResponse(PHQ9, response), response, { now: NOW });
    expect(total).toEqual({
      resourceType: 'Observation',
      status: 'final',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey', display: 'Survey' }] }],
      code: { coding: [{ system: 'http://loinc.org', code: '44261-6' }], text: 'PHQ-9 total score' },
      subject: PATIENT,
      encounter: ENCOUNTER,
      effectiveDateTime: AUTHORED,
      issued: NOW.toISOString(),
      derivedFrom: [{ reference: 'QuestionnaireResponse/qr-1' }],
      valueInteger: 11,
      interpretation: [
        {
          extension: [{ url: BAND_TABLE_EXTENSION, valueCoding: { system: 'https://hiwa.health/fhir/CodeSystem/band-table', code: 'phq9-kroenke-2001', display: expect.any(String) } }],
          coding: [{ system: 'https://hiwa.health/fhir/CodeSystem/score-band', code: 'moderate', display: 'Moderate' }],
          text: expect.stringContaining('Moderate'),
        },
      ],
    });
    expect(difficulty).toMatchObject({
      code: { coding: [{ system: 'http://loinc.org', code: '69722-7' }] },
      valueCodeableConcept: { coding: [{ system: 'http://loinc.org', code: 'LA6573-5', display: 'Somewhat difficult' }], text: 'Somewhat difficult' },
    });
    expect(difficulty).not.toHaveProperty('valueInteger');
  });

  it('uses a dataAbsentReason, never a number, when a score is missing', () => {
    const answers = weightsSumming(PHQ9_ITEM_LINK_IDS, 27, 3);
    delete answers['phq9-4'];
    const response = respond(PHQ9, answers);
    const [total] = toObservations(scoreResponse(PHQ9, response), response, { now: NOW });
    expect(total).not.toHaveProperty('valueInteger');
    expect(total).not.toHaveProperty('interpretation');
    expect(total?.dataAbsentReason).toEqual({
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason', code: 'asked-unknown', display: 'Asked But Unknown' }],
      text: expect.stringContaining('phq9-4'),
    });
  });

  it('says not-asked when no item of the score was answered (e.g. the SDQ impact supplement not given)', () => {
    const sdq = loadDefinition('SDQ_P4_17');
    const response = respond(sdq, allWeighted(DIFFICULTY_LINK_IDS, 0));
    const impact = toObservations(scoreResponse(sdq, response), response, { now: NOW }).find((observation) => observation.code.coding?.[0]?.code === 'sdq-impact');
    expect(impact?.dataAbsentReason?.coding?.[0]?.code).toBe('not-asked');
  });

  it('points derivedFrom at a placeholder while the response has no id, or at the reference the server gives', () => {
    const response = respond(PHQ9, weightsSumming(PHQ9_ITEM_LINK_IDS, 3, 3));
    const result = scoreResponse(PHQ9, response);
    expect(toObservations(result, response, { now: NOW })[0]?.derivedFrom).toEqual([{ reference: PENDING_RESPONSE_REFERENCE }]);
    expect(toObservations(result, response, { now: NOW, responseReference: 'urn:uuid:1f0c' })[0]?.derivedFrom).toEqual([{ reference: 'urn:uuid:1f0c' }]);
  });

  it('records the SRQ-20 cut-off beside the band', () => {
    const srq20 = loadDefinition('SRQ20');
    const response = respond(srq20, weightsSumming(SRQ20_ITEM_LINK_IDS, 6, 1));
    const [total] = toObservations(scoreResponse(srq20, response, { srq20Cutoff: 6 }), response, { now: NOW });
    expect(total?.valueInteger).toBe(6);
    expect(total?.interpretation?.[0]?.coding?.[0]?.code).toBe('positive');
    expect(total?.interpretation?.[0]?.extension).toContainEqual({ url: SCORE_CUTOFF_EXTENSION, valueInteger: 6 });
  });

  it('gives an SDQ score both bands, each naming its table', () => {
    const sdq = loadDefinition('SDQ_S11_17');
    const response = respond(sdq, allWeighted(DIFFICULTY_LINK_IDS, 1));
    const total = toObservations(scoreResponse(sdq, response), response, { now: NOW }).find((observation) => observation.code.coding?.[0]?.code === 'sdq-total');
    expect(total?.valueInteger).toBe(20);
    expect(total?.interpretation?.map((concept) => [concept.coding?.[0]?.code, concept.extension?.[0]?.valueCoding?.code])).toEqual([
      ['abnormal', 'sdq-uk-self-three-band'],
      ['very-high', 'sdq-uk-self-four-band'],
    ]);
  });

  it('notes why an SDQ teacher 2–4 score has no band', () => {
    const sdq = loadDefinition('SDQ_T2_4');
    const response = respond(sdq, allWeighted(DIFFICULTY_LINK_IDS, 1));
    const total = toObservations(scoreResponse(sdq, response), response, { now: NOW }).find((observation) => observation.code.coding?.[0]?.code === 'sdq-total');
    expect(total).not.toHaveProperty('interpretation');
    expect(total?.note?.[0]?.text).toMatch(/No band table/);
  });

  it('makes nothing for a form that has no scores', () => {
    const form = loadDefinition('SAFETY_PLAN');
    const response = respond(form, { 'sp-plan-date': '2025-03-01', 'sp-review-date': '2025-04-01' });
    expect(toObservations(scoreResponse(form, response), response, { now: NOW })).toEqual([]);
  });

  it('refuses a subject that cannot be an Observation subject', () => {
    const response = { ...respond(PHQ9, {}), subject: { reference: 'Practitioner/x' } };
    expect(() => toObservations(scoreResponse(PHQ9, response), response, { now: NOW })).toThrow(/Practitioner/);
  });
});
