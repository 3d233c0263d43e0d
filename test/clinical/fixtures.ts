import type { EpisodeOfCare, Patient, QuestionnaireResponse } from '@medplum/fhirtypes';
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { beforeAll } from 'vitest';
import { loadDefinition } from '../../questionnaires/index.js';
import { consentFor } from '../access/consents.js';
import { respond, type AnswerSpec, type ResponseOptions } from '../questionnaires/fixtures.js';
import type { fhirClient, TestServer, TestServerOptions } from '../support/server.js';
import { useTestServer, type TestSuiteServer } from '../support/suite.js';

export type Fhir = ReturnType<typeof fhirClient>;

export interface ClinicalSuite extends TestSuiteServer {
  /** a beneficiary registered at the test site before the tests run */
  readonly patientId: string;
}

/** The suite's server (see useTestServer) and one patient for its tests to write responses about. */
export function useClinicalSuite(options: TestServerOptions = {}): ClinicalSuite {
  const suite = useTestServer(options);
  let patientId: string | undefined;
  beforeAll(async () => {
    patientId = await createPatient(suite.fhir, suite.server);
  });
  return {
    fhir: suite.fhir,
    get server() {
      return suite.server;
    },
    get patientId() {
      if (patientId === undefined) throw new Error('The patient is created in beforeAll; use it inside tests');
      return patientId;
    },
  };
}

const REGISTRATION_SITE = 'https://hiwa.health/fhir/StructureDefinition/registration-site';

/** A beneficiary of the test organisation, registered at the test site. */
export async function createPatient(fhir: Fhir, server: TestServer): Promise<string> {
  const patient: Patient = {
    resourceType: 'Patient',
    name: [{ family: 'Ahmed', given: ['Sara'] }],
    gender: 'female',
    managingOrganization: { reference: `Organization/${server.organizationId}` },
    extension: [{ url: REGISTRATION_SITE, valueReference: { reference: `Location/${server.siteId}` } }],
  };
  const res = await fhir('POST', 'Patient', patient);
  if (res.status !== 201) throw new Error(`patient not created: ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** An active case (EpisodeOfCare) of the patient, managed by the given Practitioner, after the patient's consent to services. */
export async function openCase(fhir: Fhir, patientId: string, practitionerId: string): Promise<string> {
  const consent = await fhir('POST', 'Consent', consentFor({ patientId, purpose: 'services' }));
  if (consent.status !== 201) throw new Error(`consent not recorded: ${JSON.stringify(consent.body)}`);
  const episode: EpisodeOfCare = {
    resourceType: 'EpisodeOfCare',
    status: 'active',
    patient: { reference: `Patient/${patientId}` },
    careManager: { reference: `Practitioner/${practitionerId}` },
  };
  const res = await fhir('POST', 'EpisodeOfCare', episode);
  if (res.status !== 201) throw new Error(`case not opened: ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** A beneficiary of the test site with an active case held by the given Practitioner. */
export async function patientInCareOf(fhir: Fhir, server: TestServer, practitionerId: string): Promise<string> {
  const patientId = await createPatient(fhir, server);
  await openCase(fhir, patientId, practitionerId);
  return patientId;
}

/** A response to a shipped form (by Questionnaire.name) about a patient, pinned to the shipped version. */
export function responseTo(
  name: string,
  patientId: string,
  answers: Readonly<Record<string, AnswerSpec>>,
  options: ResponseOptions = {},
): QuestionnaireResponse {
  const { encounter: _encounter, ...response } = respond(loadDefinition(name), answers, options);
  return { ...response, subject: { reference: `Patient/${patientId}` } };
}

/** How many resources of a type match (`_summary=count`). */
export async function count(fhir: Fhir, type: string, query = ''): Promise<number> {
  const res = await fhir('GET', `${type}?${query}${query ? '&' : ''}_summary=count`);
  if (res.status !== 200) throw new Error(`count of ${type} failed: ${JSON.stringify(res.body)}`);
  return res.body.total as number;
}

/** The resources a search returns, as objects. */
// any: tests read resources loosely; each assertion states the shape it expects
export async function search(fhir: Fhir, type: string, query: string): Promise<any[]> {
  const res = await fhir('GET', `${type}?${query}&_count=100`);
  if (res.status !== 200) throw new Error(`search of ${type} failed: ${JSON.stringify(res.body)}`);
  return ((res.body.entry ?? []) as { resource: unknown }[]).map((entry) => entry.resource);
}

export const PHQ9_ITEMS_1_TO_8 = ['phq9-1', 'phq9-2', 'phq9-3', 'phq9-4', 'phq9-5', 'phq9-6', 'phq9-7', 'phq9-8'];
export const SRQ20_ITEMS = Array.from({ length: 20 }, (_, i) => `srq20-${i + 1}`);

/** A logger whose JSON lines land in `lines`, for tests of what the server logs. */
export function capturingLogger(lines: Record<string, unknown>[]): Logger {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return pino({ level: 'info' }, stream);
}
