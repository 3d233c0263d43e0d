import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../support/suite.js';

/**
 * The examples of the FHIR R4 specification (npm package `hl7.fhir.r4.examples`) for every resource type
 * Hiwa uses: each is stored under its own id (http.html#update, update as create) and read back as it was
 * sent, apart from `meta.versionId` and `meta.lastUpdated`, which the server owns (resource.html#Meta).
 * Other meta (tags, profiles, security labels) is the client's and must come back unchanged.
 */

const HIWA_TYPES = [
  'Patient',
  'RelatedPerson',
  'Practitioner',
  'PractitionerRole',
  'Organization',
  'Location',
  'EpisodeOfCare',
  'Encounter',
  'Observation',
  'Questionnaire',
  'QuestionnaireResponse',
  'Consent',
  'CarePlan',
  'CareTeam',
  'ServiceRequest',
  'Task',
  'Flag',
  'Condition',
  'Group',
  'AuditEvent',
  'Measure',
  'MeasureReport',
];

/**
 * Examples that are themselves invalid against R4 (spec errata), with why. The server must refuse them,
 * and the test checks that it does, so an entry here cannot silently go stale.
 */
const INVALID_EXAMPLES: Record<string, { reason: string; path: string }> = {
  // questionnaire.html#resource: Questionnaire.item.linkId is 1..1, but the display items nested under the
  // groups of this example ("Questionnaire for the FHIR resources") carry none.
  'Questionnaire/qs1': { reason: 'nested display items have no linkId', path: 'Questionnaire.item[0].item[0].linkId' },
};

/**
 * Hiwa checks every QuestionnaireResponse against the Questionnaire version it answers and scores it from
 * that version, so it refuses a response to a form it does not hold. The specification's responses all
 * answer forms that are not among its examples: each is refused with 422 naming the canonical.
 */
const answersFormNotHeld = (r: { resourceType: string }) => r.resourceType === 'QuestionnaireResponse';

/**
 * The audit trail is written by the server alone: no client, not even a data-migration client, creates,
 * changes or deletes an AuditEvent through the API. The specification's AuditEvents are valid R4
 * ($validate finds no error) and each PUT is refused with 403.
 */
const auditTrail = (r: { resourceType: string }) => r.resourceType === 'AuditEvent';

interface Example {
  resourceType: string;
  id: string;
  meta?: Record<string, unknown>;
  [key: string]: unknown;
}

const examplesDir = path.dirname(createRequire(import.meta.url).resolve('hl7.fhir.r4.examples/package.json'));

function loadExamples(): Example[] {
  const wanted = new Set(HIWA_TYPES);
  return fs
    .readdirSync(examplesDir)
    .filter((file) => file.endsWith('.json') && wanted.has(file.split('-')[0]))
    .sort()
    .map((file) => JSON.parse(fs.readFileSync(path.join(examplesDir, file), 'utf8')) as Example)
    .filter((r) => wanted.has(r.resourceType));
}

/** The resource without what the server owns: meta.versionId and meta.lastUpdated (an emptied meta goes too). */
function withoutServerMeta(resource: Example): Example {
  const { meta, ...rest } = resource;
  const { versionId: _v, lastUpdated: _l, ...kept } = meta ?? {};
  return Object.keys(kept).length > 0 ? { ...rest, meta: kept } : rest;
}

const examples = loadExamples();
const valid = examples.filter(
  (r) => !INVALID_EXAMPLES[`${r.resourceType}/${r.id}`] && !answersFormNotHeld(r) && !auditTrail(r),
);

const suite = useTestServer({ caller: 'data-migration' });
const { fhir } = suite;

describe('examples of the R4 specification', () => {
  it('are found for every resource type Hiwa uses', () => {
    const types = new Set(examples.map((r) => r.resourceType));
    expect([...types].sort()).toEqual([...HIWA_TYPES].sort());
    expect(examples.length).toBeGreaterThan(200);
  });

  it.each(valid.map((r) => [`${r.resourceType}/${r.id}`, r] as const))(
    'http.html#update: %s is stored under its own id and read back equal apart from meta',
    async (ref, example) => {
      const put = await fhir('PUT', ref, example);
      expect(put.status, JSON.stringify(put.body?.issue)).toBe(201);
      const read = await fhir('GET', ref);
      expect(read.status).toBe(200);
      expect(read.body.meta.versionId).toBe('1');
      expect(withoutServerMeta(read.body)).toEqual(withoutServerMeta(example));
    },
  );

  const invalid = examples.filter((r) => INVALID_EXAMPLES[`${r.resourceType}/${r.id}`]);
  it.skipIf(invalid.length === 0).each(invalid.map((r) => [`${r.resourceType}/${r.id}`, r] as const))(
    'errata: %s is invalid per R4 and refused with 422 naming the path',
    async (ref, example) => {
      const put = await fhir('PUT', ref, example);
      expect(put.status).toBe(422);
      const paths = put.body.issue.flatMap((i: { expression?: string[] }) => i.expression ?? []);
      expect(paths).toContain(INVALID_EXAMPLES[ref].path);
    },
  );

  it.each(examples.filter(answersFormNotHeld).map((r) => [`${r.resourceType}/${r.id}`, r] as const))(
    'clinical rules: %s answers a Questionnaire this server does not hold and is refused with 422',
    async (ref, example) => {
      const put = await fhir('PUT', ref, example);
      expect(put.status).toBe(422);
      expect(put.body.issue[0].expression).toEqual(['QuestionnaireResponse.questionnaire']);
      expect((await fhir('GET', ref)).status).toBe(404);
    },
  );

  it.each(examples.filter(auditTrail).map((r) => [`${r.resourceType}/${r.id}`, r] as const))(
    'audit trail: %s is valid R4, and writing it through the API is refused with 403',
    async (ref, example) => {
      const check = await fhir('POST', 'AuditEvent/$validate', example);
      expect(check.body.issue.filter((i: { severity: string }) => i.severity === 'error')).toEqual([]);
      const put = await fhir('PUT', ref, example);
      expect(put.status).toBe(403);
      expect(put.body.resourceType).toBe('OperationOutcome');
    },
  );
});
