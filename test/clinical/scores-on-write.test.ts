import { describe, expect, it } from 'vitest';
import { allWeighted } from '../questionnaires/fixtures.js';
import { count, PHQ9_ITEMS_1_TO_8, responseTo, search, useClinicalSuite } from './fixtures.js';

const suite = useClinicalSuite();
const { fhir } = suite;

const scoresOf = (responseId: string, extra = '') => search(fhir, 'Observation', `derived-from=QuestionnaireResponse/${responseId}${extra}`);

describe('creating a completed QuestionnaireResponse stores its scores in the same transaction', () => {
  it('stores the PHQ-9 total and item 10 as Observations derived from the response', async () => {
    const answers = { ...allWeighted(PHQ9_ITEMS_1_TO_8, 2), 'phq9-9': { weight: 0 }, 'phq9-10': 'LA6575-0' };
    const created = await fhir('POST', 'QuestionnaireResponse', responseTo('PHQ9', suite.patientId, answers));
    expect(created.status).toBe(201);
    // The response is pinned to the version it answered.
    expect(created.body.questionnaire).toBe('https://hiwa.health/fhir/Questionnaire/PHQ9|1.0.0');

    const observations = await scoresOf(created.body.id);
    expect(observations).toHaveLength(2);
    const total = observations.find((o) => o.code.coding[0].code === '44261-6');
    expect(total).toMatchObject({
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '44261-6' }] },
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey' }] }],
      subject: { reference: `Patient/${suite.patientId}` },
      valueInteger: 16,
      derivedFrom: [{ reference: `QuestionnaireResponse/${created.body.id}` }],
    });
    expect(total.interpretation[0].coding[0]).toEqual({ system: 'https://hiwa.health/fhir/CodeSystem/score-band', code: 'moderately-severe', display: 'Moderately severe' });
    const item10 = observations.find((o) => o.code.coding[0].code === '69722-7');
    expect(item10.valueCodeableConcept.coding[0].code).toBe('LA6575-0');
    // No alert: item 9 was "Not at all".
    expect(await count(fhir, 'Flag', `detail=QuestionnaireResponse/${created.body.id}`)).toBe(0);
  });

  it('stores a score it cannot compute with a dataAbsentReason and no value', async () => {
    const created = await fhir('POST', 'QuestionnaireResponse', responseTo('SRQ20', suite.patientId, { 'srq20-1': 'LA33-6', 'srq20-2': 'LA32-8' }));
    expect(created.status).toBe(201);
    const [total] = await scoresOf(created.body.id);
    expect(total.code.coding[0]).toMatchObject({ system: 'https://hiwa.health/fhir/CodeSystem/hiwa-scores', code: 'srq20-total' });
    expect(total.valueInteger).toBeUndefined();
    expect(total.dataAbsentReason.coding[0]).toEqual({
      system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason',
      code: 'asked-unknown',
      display: 'Asked But Unknown',
    });
  });

  it('stores no Observation for a response still in progress', async () => {
    const created = await fhir('POST', 'QuestionnaireResponse', responseTo('PHQ9', suite.patientId, allWeighted(PHQ9_ITEMS_1_TO_8, 3), { status: 'in-progress' }));
    expect(created.status).toBe(201);
    expect(await scoresOf(created.body.id)).toEqual([]);
  });

  it('finds the scores by value (value-integer) as well as by response', async () => {
    const created = await fhir('POST', 'QuestionnaireResponse', responseTo('PHQ9', suite.patientId, allWeighted([...PHQ9_ITEMS_1_TO_8, 'phq9-9'], 3)));
    const found = await search(fhir, 'Observation', `code=http://loinc.org|44261-6&value-integer=ge27&subject=Patient/${suite.patientId}`);
    expect(found.map((o) => o.derivedFrom[0].reference)).toContain(`QuestionnaireResponse/${created.body.id}`);
  });
});

describe('a response created in a transaction', () => {
  it('is scored with the references the transaction resolved (a patient created in the same Bundle)', async () => {
    const patientUrn = 'urn:uuid:5b0d7a52-93a5-4c39-8f1e-0c8b8a3e4d11';
    const response = { ...responseTo('PHQ9', 'placeholder', allWeighted([...PHQ9_ITEMS_1_TO_8, 'phq9-9'], 2)), subject: { reference: patientUrn } };
    const res = await fhir('POST', '', {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { fullUrl: patientUrn, resource: { resourceType: 'Patient', name: [{ family: 'Karim' }], gender: 'male' }, request: { method: 'POST', url: 'Patient' } },
        { resource: response, request: { method: 'POST', url: 'QuestionnaireResponse' } },
      ],
    });
    expect(res.status).toBe(200);
    const newPatient = res.body.entry[0].response.location.split('/')[1];
    const responseId = res.body.entry[1].response.location.split('/')[1];
    const [total] = await scoresOf(responseId, '&code=http://loinc.org|44261-6');
    expect(total).toMatchObject({ valueInteger: 18, subject: { reference: `Patient/${newPatient}` } });
    expect(await count(fhir, 'Flag', `patient=Patient/${newPatient}`)).toBe(1);
  });
});

describe('amending a response', () => {
  it('marks the earlier scores entered-in-error, with a note, and stores new ones', async () => {
    const first = responseTo('PHQ9', suite.patientId, allWeighted([...PHQ9_ITEMS_1_TO_8, 'phq9-9'], 0));
    const created = await fhir('POST', 'QuestionnaireResponse', first);
    const id = created.body.id as string;
    const [before] = await scoresOf(id);
    expect(before.valueInteger).toBe(0);

    const corrected = { ...allWeighted([...PHQ9_ITEMS_1_TO_8, 'phq9-9'], 0), 'phq9-1': { weight: 3 } };
    const amended = { ...responseTo('PHQ9', suite.patientId, corrected), id, status: 'amended' };
    const updated = await fhir('PUT', `QuestionnaireResponse/${id}`, amended);
    expect(updated.status).toBe(200);

    const all = await scoresOf(id);
    expect(all).toHaveLength(2);
    const old = all.find((o) => o.id === before.id);
    expect(old.status).toBe('entered-in-error');
    expect(old.note.at(-1).text).toContain(`QuestionnaireResponse/${id} was changed`);
    const current = all.filter((o) => o.status !== 'entered-in-error');
    expect(current).toHaveLength(1);
    expect(current[0]).toMatchObject({ status: 'final', valueInteger: 3, derivedFrom: [{ reference: `QuestionnaireResponse/${id}` }] });
    expect(await scoresOf(id, '&status=final')).toHaveLength(1);
  });

  it('stores the first scores when an in-progress response is completed', async () => {
    const draft = responseTo('PHQ9', suite.patientId, allWeighted(PHQ9_ITEMS_1_TO_8, 1), { status: 'in-progress' });
    const created = await fhir('POST', 'QuestionnaireResponse', draft);
    const done = { ...responseTo('PHQ9', suite.patientId, allWeighted([...PHQ9_ITEMS_1_TO_8, 'phq9-9'], 1)), id: created.body.id };
    expect((await fhir('PUT', `QuestionnaireResponse/${created.body.id}`, done)).status).toBe(200);
    const observations = await scoresOf(created.body.id);
    expect(observations.map((o) => [o.status, o.valueInteger])).toEqual([['final', 9]]);
  });

  it('withdraws the scores of a response entered in error, and stores none for it', async () => {
    const created = await fhir('POST', 'QuestionnaireResponse', responseTo('PHQ9', suite.patientId, allWeighted([...PHQ9_ITEMS_1_TO_8, 'phq9-9'], 1)));
    const withdrawn = { ...created.body, status: 'entered-in-error' };
    expect((await fhir('PUT', `QuestionnaireResponse/${created.body.id}`, withdrawn)).status).toBe(200);
    expect((await scoresOf(created.body.id)).map((o) => o.status)).toEqual(['entered-in-error']);
  });
});
