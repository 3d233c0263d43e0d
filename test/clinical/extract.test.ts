import { describe, expect, it } from 'vitest';
import { allWeighted } from '../questionnaires/fixtures.js';
import { count, PHQ9_ITEMS_1_TO_8, responseTo, SRQ20_ITEMS, useClinicalSuite } from './fixtures.js';

const LOINC = 'http://loinc.org';
const SCORES = 'https://hiwa.health/fhir/CodeSystem/hiwa-scores';
const BAND_TABLE = 'https://hiwa.health/fhir/StructureDefinition/band-table';
const SCORE_CUTOFF = 'https://hiwa.health/fhir/StructureDefinition/score-cutoff';

const suite = useClinicalSuite({ env: { SRQ20_CUTOFF: '6' } });
const { fhir } = suite;

// any: Bundle entries are read loosely; each assertion states the shape it expects
const resources = (bundle: any): any[] => bundle.entry.map((entry: any) => entry.resource);
const byCode = (bundle: any, code: string): any => resources(bundle).find((r) => r.code?.coding?.[0]?.code === code);
const bandCodes = (observation: any): string[] => (observation.interpretation ?? []).map((i: any) => i.coding[0].code);

async function extract(body: unknown) {
  return fhir('POST', 'QuestionnaireResponse/$extract', body);
}

describe('POST QuestionnaireResponse/$extract (SDC)', () => {
  it('returns a transaction Bundle of POST entries for the PHQ-9 total, item 10 and the item 9 Flag', async () => {
    const response = responseTo('PHQ9', suite.patientId, { ...allWeighted(PHQ9_ITEMS_1_TO_8, 1), 'phq9-9': { weight: 2 }, 'phq9-10': 'LA6573-5' });
    const res = await extract(response);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ resourceType: 'Bundle', type: 'transaction' });
    for (const entry of res.body.entry) {
      expect(entry.fullUrl).toMatch(/^urn:uuid:/);
      expect(entry.request).toEqual({ method: 'POST', url: entry.resource.resourceType });
    }
    expect(resources(res.body).map((r) => r.resourceType)).toEqual(['Observation', 'Observation', 'Flag']);

    const total = byCode(res.body, '44261-6');
    expect(total.code.coding[0].system).toBe(LOINC);
    expect(total.valueInteger).toBe(10);
    expect(total.status).toBe('final');
    expect(total.category[0].coding[0].code).toBe('survey');
    expect(total.subject).toEqual({ reference: `Patient/${suite.patientId}` });
    expect(bandCodes(total)).toEqual(['moderate']);
    expect(total.interpretation[0].extension[0]).toEqual({
      url: BAND_TABLE,
      valueCoding: { system: 'https://hiwa.health/fhir/CodeSystem/band-table', code: 'phq9-kroenke-2001', display: 'PHQ-9 severity (Kroenke et al. 2001)' },
    });
    expect(byCode(res.body, '69722-7').valueCodeableConcept.coding[0].code).toBe('LA6573-5');
    expect(byCode(res.body, 'suicide-risk')).toMatchObject({ resourceType: 'Flag', status: 'active', subject: { reference: `Patient/${suite.patientId}` } });
  });

  it('raises the PHQ-9 item 9 alert while the total, lacking item 3, is absent rather than guessed', async () => {
    const answers = { ...allWeighted(PHQ9_ITEMS_1_TO_8.filter((linkId) => linkId !== 'phq9-3'), 0), 'phq9-9': { weight: 1 } };
    const res = await extract(responseTo('PHQ9', suite.patientId, answers));
    expect(res.status).toBe(200);
    const total = byCode(res.body, '44261-6');
    expect(total.valueInteger).toBeUndefined();
    expect(total.interpretation).toBeUndefined();
    expect(total.dataAbsentReason.coding[0]).toMatchObject({ code: 'asked-unknown' });
    expect(total.dataAbsentReason.text).toContain('phq9-3');
    const flag = byCode(res.body, 'suicide-risk');
    expect(flag.status).toBe('active');
    expect(flag.extension.find((e: any) => e.url.endsWith('/triggering-item')).extension[0]).toEqual({ url: 'linkId', valueString: 'phq9-9' });
  });

  it('scores the SRQ-20 against the deployment cut-off and records the cut-off beside the band', async () => {
    const yes = (n: number) => Object.fromEntries(SRQ20_ITEMS.map((linkId, i) => [linkId, i < n ? 'LA33-6' : 'LA32-8']));
    const six = await extract(responseTo('SRQ20', suite.patientId, yes(6)));
    const total = byCode(six.body, 'srq20-total');
    expect(total.code.coding[0].system).toBe(SCORES);
    expect(total.valueInteger).toBe(6);
    expect(bandCodes(total)).toEqual(['positive']);
    expect(total.interpretation[0].extension).toContainEqual({ url: SCORE_CUTOFF, valueInteger: 6 });
    expect(byCode(six.body, 'suicide-risk')).toBeUndefined();

    const five = await extract(responseTo('SRQ20', suite.patientId, yes(5)));
    expect(bandCodes(byCode(five.body, 'srq20-total'))).toEqual(['negative']);
  });

  it('scores the SDQ parent 4–17 with every scale, both band tables, and the impact supplement', async () => {
    const answers = {
      // emotional 10
      'sdq-03-somatic': 'certainly-true', 'sdq-08-worries': 'certainly-true', 'sdq-13-unhappy': 'certainly-true',
      'sdq-16-clingy': 'certainly-true', 'sdq-24-afraid': 'certainly-true',
      // conduct 1 (obeys is reverse-scored)
      'sdq-05-tantrum': 'somewhat-true', 'sdq-07-obeys': 'certainly-true', 'sdq-12-fights': 'not-true',
      'sdq-18-lies': 'not-true', 'sdq-22-steals': 'not-true',
      // hyperactivity 8 (reflect and attends are reverse-scored)
      'sdq-02-restles': 'certainly-true', 'sdq-10-fidgety': 'certainly-true', 'sdq-15-distrac': 'somewhat-true',
      'sdq-21-reflect': 'not-true', 'sdq-25-attends': 'somewhat-true',
      // peer 1 (friend and popular are reverse-scored)
      'sdq-06-loner': 'somewhat-true', 'sdq-11-friend': 'certainly-true', 'sdq-14-popular': 'certainly-true',
      'sdq-19-bullied': 'not-true', 'sdq-23-oldbest': 'not-true',
      // prosocial 10
      'sdq-01-consid': 'certainly-true', 'sdq-04-shares': 'certainly-true', 'sdq-09-caring': 'certainly-true',
      'sdq-17-kind': 'certainly-true', 'sdq-20-helpout': 'certainly-true',
      // impact 1 + 2 + 0 + 0 + 1 = 4
      'sdq-impact-overall': 'yes-definite', 'sdq-impact-chronicity': 'over-1-year', 'sdq-impact-distress': 'quite-a-lot',
      'sdq-impact-home': 'a-great-deal', 'sdq-impact-friendships': 'not-at-all', 'sdq-impact-classroom': 'only-a-little',
      'sdq-impact-leisure': 'quite-a-lot', 'sdq-impact-burden': 'only-a-little',
    };
    const res = await extract(responseTo('SDQ_P4_17', suite.patientId, answers));
    expect(res.status).toBe(200);
    const scores = Object.fromEntries(resources(res.body).map((o) => [o.code.coding[0].code, [o.valueInteger, ...bandCodes(o)]]));
    expect(scores).toEqual({
      'sdq-emotional': [10, 'abnormal', 'very-high'],
      'sdq-conduct': [1, 'normal', 'close-to-average'],
      'sdq-hyperactivity': [8, 'abnormal', 'high'],
      'sdq-peer': [1, 'normal', 'close-to-average'],
      'sdq-prosocial': [10, 'normal', 'close-to-average'],
      'sdq-total': [20, 'abnormal', 'very-high'],
      'sdq-externalising': [9],
      'sdq-internalising': [11],
      'sdq-impact': [4, 'abnormal', 'very-high'],
    });
    expect(resources(res.body).every((o) => o.code.coding[0].system === SCORES)).toBe(true);
    const tables = byCode(res.body, 'sdq-total').interpretation.map((i: any) => i.extension[0].valueCoding.code);
    expect(tables).toEqual(['sdq-uk-parent-three-band', 'sdq-uk-parent-four-band']);
  });

  it('takes the response in Parameters (questionnaire-response) as well as as the body', async () => {
    const response = responseTo('PHQ9', suite.patientId, allWeighted([...PHQ9_ITEMS_1_TO_8, 'phq9-9'], 0));
    const res = await extract({ resourceType: 'Parameters', parameter: [{ name: 'questionnaire-response', resource: response }] });
    expect(res.status).toBe(200);
    expect(resources(res.body)).toHaveLength(1);
    expect(byCode(res.body, '44261-6')).toMatchObject({ valueInteger: 0, derivedFrom: [{ reference: 'urn:hiwa:pending-questionnaire-response' }] });
  });

  it('extracts from a stored response on the instance, pointing derivedFrom at it', async () => {
    const created = await fhir('POST', 'QuestionnaireResponse', responseTo('PHQ9', suite.patientId, allWeighted([...PHQ9_ITEMS_1_TO_8, 'phq9-9'], 1)));
    expect(created.status).toBe(201);
    const res = await fhir('POST', `QuestionnaireResponse/${created.body.id}/$extract`);
    expect(res.status).toBe(200);
    expect(byCode(res.body, '44261-6')).toMatchObject({ valueInteger: 9, derivedFrom: [{ reference: `QuestionnaireResponse/${created.body.id}` }] });
  });

  it('stores nothing, and refuses what a create would refuse with the same 422', async () => {
    const before = await Promise.all(['Observation', 'Flag', 'Task', 'QuestionnaireResponse'].map((type) => count(fhir, type)));
    const alerting = responseTo('PHQ9', suite.patientId, { 'phq9-9': { weight: 3 } });
    expect((await extract(alerting)).status).toBe(200);
    const bad = responseTo('PHQ9', suite.patientId, { 'phq9-9': { weight: 3 } });
    bad.item?.push({ linkId: 'phq9-99', answer: [{ valueString: 'x' }] });
    const refused = await extract(bad);
    expect(refused.status).toBe(422);
    expect(refused.body.issue[0].expression).toContain("QuestionnaireResponse.descendants().where(linkId = 'phq9-99')");
    const after = await Promise.all(['Observation', 'Flag', 'Task', 'QuestionnaireResponse'].map((type) => count(fhir, type)));
    expect(after).toEqual(before);
  });

  it('answers 422 naming QuestionnaireResponse.questionnaire for a form this server does not hold', async () => {
    const response = { ...responseTo('PHQ9', suite.patientId, {}), questionnaire: 'https://example.org/Questionnaire/unknown|1' };
    const res = await extract(response);
    expect(res.status).toBe(422);
    expect(res.body.issue[0].expression).toEqual(['QuestionnaireResponse.questionnaire']);
  });

  it('is listed in the CapabilityStatement with the SDC definition', async () => {
    const res = await fhir('GET', 'metadata');
    const qr = res.body.rest[0].resource.find((r: any) => r.type === 'QuestionnaireResponse');
    expect(qr.operation).toContainEqual({ name: 'extract', definition: 'http://hl7.org/fhir/uv/sdc/OperationDefinition/QuestionnaireResponse-extract' });
  });
});
