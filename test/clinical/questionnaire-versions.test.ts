import type { Questionnaire, QuestionnaireItem } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDefinition, loadDefinitions, ORDINAL_VALUE_EXTENSION } from '../../questionnaires/index.js';
import { installDefinitions } from '../../server/clinical/install-definitions.js';
import { validateFhirResource } from '../../server/fhir/validation/validate.js';
import { Repository } from '../../server/store/repository.js';
import { allWeighted } from '../questionnaires/fixtures.js';
import { capturingLogger, PHQ9_ITEMS_1_TO_8, responseTo, search, useClinicalSuite } from './fixtures.js';

const PHQ9_URL = 'https://hiwa.health/fhir/Questionnaire/PHQ9';

const suite = useClinicalSuite();
const { fhir } = suite;

/** The server itself, as at start-up (definitions are written by no member of staff). */
const serverRepository = () => new Repository(suite.server.store.pool);

/** PHQ-9 version 2.0.0 whose option weights are doubled: a change no earlier response may feel. */
function phq9Version2(): Questionnaire {
  const double = (items: QuestionnaireItem[] | undefined): QuestionnaireItem[] | undefined =>
    items?.map((item) => ({
      ...item,
      answerOption: item.answerOption?.map((option) => ({
        ...option,
        extension: option.extension?.map((e) => (e.url === ORDINAL_VALUE_EXTENSION ? { ...e, valueDecimal: (e.valueDecimal ?? 0) * 2 } : e)),
      })),
      item: double(item.item),
    }));
  const { id: _id, ...v1 } = loadDefinition('PHQ9');
  return { ...v1, id: 'phq9-2.0.0', version: '2.0.0', date: '2027-01-01', item: double(v1.item) };
}

const totalOf = async (responseId: string, status = 'final') =>
  (await search(fhir, 'Observation', `derived-from=QuestionnaireResponse/${responseId}&code=http://loinc.org|44261-6&status=${status}`))[0]?.valueInteger;

describe('the shipped Questionnaires at start', () => {
  it.each(loadDefinitions().map((q) => [q.name, q] as const))('%s is valid FHIR R4 by the server\'s own validation', (_name, definition) => {
    expect(validateFhirResource(definition)).toEqual([]);
  });

  it('are stored as <definition id>-<version>, one per url|version', async () => {
    for (const definition of loadDefinitions()) {
      const res = await fhir('GET', `Questionnaire/${definition.id}-${definition.version}`);
      expect(res.status, definition.name).toBe(200);
      expect(res.body).toMatchObject({ url: definition.url, version: definition.version, name: definition.name });
    }
    expect(await search(fhir, 'Questionnaire', `url=${PHQ9_URL}`)).toHaveLength(1);
  });

  it("come with Hiwa's profiles, SearchParameters, CodeSystems and ValueSets, readable by url", async () => {
    for (const [type, url] of [
      ['StructureDefinition', 'https://hiwa.health/fhir/StructureDefinition/registration-site'],
      ['SearchParameter', 'https://hiwa.health/fhir/SearchParameter/Patient-site'],
      ['CodeSystem', 'https://hiwa.health/fhir/CodeSystem/service-type'],
      ['ValueSet', 'https://hiwa.health/fhir/ValueSet/iasc-layer'],
    ]) {
      const found = await search(fhir, type, `url=${url}`);
      expect(found, url).toHaveLength(1);
      expect(found[0]).toMatchObject({ url, version: '1.0.0', id: `${url.split('/').at(-1)}-1.0.0` });
    }
  });

  it('are not stored again on the next start, which only looks', async () => {
    expect(await installDefinitions(serverRepository(), capturingLogger([]))).toEqual([]);
    expect((await fhir('GET', 'Questionnaire/phq9-1.0.0')).body.meta.versionId).toBe('1');
  });

  it('keep the stored one, with a warning, when a definition changed without a new version', async () => {
    const repo = serverRepository();
    const stored = (await repo.read('Questionnaire', 'srq20-1.0.0')).resource as Questionnaire;
    await repo.update<Questionnaire>({ ...stored, title: 'SRQ-20, edited in place' });
    const lines: Record<string, unknown>[] = [];
    expect(await installDefinitions(repo, capturingLogger(lines))).toEqual([]);
    expect(lines).toContainEqual(expect.objectContaining({ level: 40, definition: 'https://hiwa.health/fhir/Questionnaire/SRQ20|1.0.0' }));
    expect((await fhir('GET', 'Questionnaire/srq20-1.0.0')).body.title).toBe('SRQ-20, edited in place');
  });
});

describe('a new version of a Questionnaire', () => {
  const ones = allWeighted([...PHQ9_ITEMS_1_TO_8, 'phq9-9'], 1);
  let oldResponseId: string;

  beforeAll(async () => {
    // A response given to 1.0.0 before 2.0.0 exists.
    const created = await fhir('POST', 'QuestionnaireResponse', responseTo('PHQ9', suite.patientId, ones));
    oldResponseId = created.body.id as string;
    await serverRepository().update(phq9Version2());
  });

  it('is what a response naming no version is pinned to and scored with', async () => {
    const { questionnaire: _pinned, ...response } = responseTo('PHQ9', suite.patientId, ones);
    const created = await fhir('POST', 'QuestionnaireResponse', { ...response, questionnaire: PHQ9_URL });
    expect(created.status).toBe(201);
    expect(created.body.questionnaire).toBe(`${PHQ9_URL}|2.0.0`);
    expect(await totalOf(created.body.id)).toBe(18);
  });

  it('never changes a response given to the old version: new responses to 1.0.0 and amendments keep its scoring', async () => {
    expect(await totalOf(oldResponseId)).toBe(9);
    const again = await fhir('POST', 'QuestionnaireResponse', responseTo('PHQ9', suite.patientId, ones));
    expect(again.body.questionnaire).toBe(`${PHQ9_URL}|1.0.0`);
    expect(await totalOf(again.body.id)).toBe(9);

    // An amendment that names the form without a version stays with the version it was given in.
    const { questionnaire: _pinned, ...amendment } = responseTo('PHQ9', suite.patientId, { ...ones, 'phq9-1': { weight: 3 } });
    const amended = await fhir('PUT', `QuestionnaireResponse/${oldResponseId}`, { ...amendment, id: oldResponseId, status: 'amended', questionnaire: PHQ9_URL });
    expect(amended.status).toBe(200);
    expect(amended.body.questionnaire).toBe(`${PHQ9_URL}|1.0.0`);
    expect(await totalOf(oldResponseId)).toBe(11);
  });

  it('leaves $extract of a 1.0.0 response on 1.0.0', async () => {
    const res = await fhir('POST', 'QuestionnaireResponse/$extract', responseTo('PHQ9', suite.patientId, ones));
    expect(res.body.entry[0].resource.valueInteger).toBe(9);
  });
});
