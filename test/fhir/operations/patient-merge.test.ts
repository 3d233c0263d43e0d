import { beforeAll, describe, expect, it } from 'vitest';
import { allWeighted } from '../../questionnaires/fixtures.js';
import { createPatient, openCase, PHQ9_ITEMS_1_TO_8, responseTo, search } from '../../clinical/fixtures.js';
import { member, type Member } from '../../clinical/workflow-fixtures.js';
import { useTestServer } from '../../support/suite.js';

/**
 * Patient/$merge: a supervisor merges a duplicate into the surviving record. The duplicate's records move to
 * the survivor in one transaction, both keep their histories, the links go both ways, it is audited, and it
 * is refused to other roles (403), for bad parameters (422) and for a record already merged (409).
 */

const suite = useTestServer();
const { fhir } = suite; // the test supervisor
let psychologist: Member;

beforeAll(async () => {
  psychologist = await member(suite.server, 'psychologist');
});

const merge = (by: typeof fhir, source: string, target: string) =>
  by('POST', 'Patient/$merge', {
    resourceType: 'Parameters',
    parameter: [
      { name: 'source-patient', valueReference: { reference: `Patient/${source}` } },
      { name: 'target-patient', valueReference: { reference: `Patient/${target}` } },
    ],
  });

describe('Patient/$merge', () => {
  it("moves the duplicate's records to the survivor, links both ways, keeps histories, and is audited", async () => {
    const survivor = await createPatient(fhir, suite.server);
    const duplicate = await createPatient(fhir, suite.server);
    const episodeId = await openCase(fhir, duplicate, psychologist.account.practitionerId);
    const response = await fhir('POST', 'QuestionnaireResponse', responseTo('PHQ9', duplicate, allWeighted([...PHQ9_ITEMS_1_TO_8, 'phq9-9'], 1)));
    expect(response.status).toBe(201);
    const scoresBefore = await search(fhir, 'Observation', `patient=Patient/${duplicate}`);
    expect(scoresBefore.length).toBeGreaterThan(0);

    const res = await merge(fhir, duplicate, survivor);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const result = res.body.parameter.find((p: { name: string }) => p.name === 'result').resource;
    expect(result.link).toEqual([{ other: { reference: `Patient/${duplicate}` }, type: 'replaces' }]);

    // the replaced Patient says where it went, and is no longer active
    const replaced = (await fhir('GET', `Patient/${duplicate}`)).body;
    expect(replaced).toMatchObject({ active: false, link: [{ other: { reference: `Patient/${survivor}` }, type: 'replaced-by' }] });

    // every record moved, as it was: the same scores (not recomputed), the case, the consent, the Flag
    expect(await search(fhir, 'Observation', `patient=Patient/${duplicate}`)).toHaveLength(0);
    const scoresAfter = await search(fhir, 'Observation', `patient=Patient/${survivor}`);
    expect(scoresAfter.map((o) => [o.id, o.status]).sort()).toEqual(scoresBefore.map((o) => [o.id, o.status]).sort());
    expect((await fhir('GET', `EpisodeOfCare/${episodeId}`)).body.patient).toEqual({ reference: `Patient/${survivor}` });
    expect(await search(fhir, 'Consent', `patient=Patient/${survivor}`)).toHaveLength(1);
    expect(await search(fhir, 'Flag', `patient=Patient/${survivor}`)).toHaveLength(1);
    expect((await fhir('GET', `QuestionnaireResponse/${response.body.id}`)).body.subject).toEqual({ reference: `Patient/${survivor}` });

    // both histories kept: the case's first version still names the duplicate, the duplicate's own history is whole
    const caseHistory = (await fhir('GET', `EpisodeOfCare/${episodeId}/_history`)).body.entry.map((e: { resource: { patient: unknown } }) => e.resource.patient);
    expect(caseHistory.at(-1)).toEqual({ reference: `Patient/${duplicate}` });
    expect(caseHistory[0]).toEqual({ reference: `Patient/${survivor}` });
    expect((await fhir('GET', `Patient/${duplicate}/_history`)).body.entry).toHaveLength(2);

    const audit = await search(fhir, 'AuditEvent', `entity=Patient/${duplicate}&_sort=-date`);
    const event = audit.find((e) => e.entity?.some((x: { query?: string }) => x.query !== undefined && Buffer.from(x.query, 'base64').toString().includes('$merge')));
    expect(event, 'an AuditEvent of the merge').toBeDefined();
    const named = event.entity.map((x: { what?: { reference?: string } }) => x.what?.reference);
    expect(named).toEqual(expect.arrayContaining([`Patient/${duplicate}`, `Patient/${survivor}`, `EpisodeOfCare/${episodeId}`]));
  });

  it('is refused: 403 for other roles, 422 for bad parameters, 409 when already merged', async () => {
    const survivor = await createPatient(fhir, suite.server);
    const duplicate = await createPatient(fhir, suite.server);
    expect((await merge(psychologist.fhir, duplicate, survivor)).status).toBe(403);

    const same = await merge(fhir, survivor, survivor);
    expect(same.status).toBe(422);
    const unknown = await merge(fhir, 'no-such-patient', survivor);
    expect(unknown.status).toBe(422);
    expect(unknown.body.issue[0].expression).toEqual(["Parameters.parameter.where(name='source-patient')"]);
    const missing = await fhir('POST', 'Patient/$merge', { resourceType: 'Parameters', parameter: [{ name: 'source-patient', valueReference: { reference: `Patient/${duplicate}` } }] });
    expect(missing.status).toBe(422);
    expect(missing.body.issue[0].expression).toEqual(["Parameters.parameter.where(name='target-patient')"]);
    const wrongType = await fhir('POST', 'Patient/$merge', {
      resourceType: 'Parameters',
      parameter: [
        { name: 'source-patient', valueReference: { reference: `Practitioner/${psychologist.account.practitionerId}` } },
        { name: 'target-patient', valueReference: { reference: `Patient/${survivor}` } },
      ],
    });
    expect(wrongType.status).toBe(422);

    expect((await merge(fhir, duplicate, survivor)).status).toBe(200);
    const twice = await merge(fhir, duplicate, survivor);
    expect(twice.status).toBe(409);
    expect(twice.body.issue[0].diagnostics).toContain('already merged');
    const intoMerged = await merge(fhir, await createPatient(fhir, suite.server), duplicate);
    expect(intoMerged.status).toBe(409);
  });
});
