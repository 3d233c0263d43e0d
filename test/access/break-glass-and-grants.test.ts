import { beforeAll, describe, expect, it } from 'vitest';
import { HIWA_AUDIT_SUBTYPE_SYSTEM } from '../../server/audit/audit-event.js';
import { createOrganization } from '../../server/auth/admin/create-organization.js';
import { createSite } from '../../server/auth/admin/create-site.js';
import { STAFF_ROLE_SYSTEM, type StaffRole } from '../../server/auth/principal.js';
import { fhirClient } from '../support/server.js';
import { useTestServer } from '../support/suite.js';
import { consentFor } from './consents.js';
import { buildWorld, PSY, type Staff, type World } from './world.js';

/**
 * Access beyond a person's own reach, in its two forms. Break-glass: a clinician opens a patient outside
 * their reach by giving a reason; it lasts four hours, the reason is in the audit trail, and supervisors get
 * a review Task. Grants: patient-level access given to another organisation (only with the patient's active
 * consent to share with it, and never beyond that consent) or to a practitioner. Time is the server's
 * clock, moved forward by the test.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let offset = 0;
const clock = (): Date => new Date(Date.now() + offset);
const jump = (ms: number): void => {
  offset += ms;
};

// Tokens outlive the jumps in time, so that each step is decided by the access rule and not by a login.
const suite = useTestServer({ clock, env: { ACCESS_TOKEN_TTL_SECONDS: String(60 * 86_400), SYSTEM_TOKEN_TTL_SECONDS: String(60 * 86_400) } });
let world: World;
type Fhir = ReturnType<typeof fhirClient>;

beforeAll(async () => {
  world = await buildWorld(suite.server);
}, 120_000);

const member = (key: string): Staff => world.staff.find((s) => s.key === key) as Staff;

/** Another member of staff, logged in, for the cases the world has nobody for. */
async function staffAt(role: StaffRole, organization: string, sites: string[]): Promise<{ fhir: Fhir; practitionerId: string }> {
  const account = await suite.server.createAccount({ role, organization, sites });
  const token = (await suite.server.login(account.username, account.password)).access_token;
  return { fhir: fhirClient(suite.server.fhirBase, { Authorization: `Bearer ${token}` }), practitionerId: account.practitionerId };
}

/** A patient of organisation A at site A1 with nobody managing the case yet, an Observation and a PSY Condition. */
async function newPatientA1(family: string): Promise<{ id: string; observationId: string; psyConditionId: string }> {
  const create = async (resource: Record<string, unknown>): Promise<string> => {
    const res = await world.migration('POST', resource.resourceType as string, resource);
    if (res.status !== 201) throw new Error(`setup: ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const id = await create({
    resourceType: 'Patient',
    name: [{ family, given: ['Grant'] }],
    managingOrganization: { reference: `Organization/${world.orgA}` },
    extension: [{ url: 'https://hiwa.health/fhir/StructureDefinition/registration-site', valueReference: { reference: `Location/${world.siteA1}` } }],
  });
  const subject = { reference: `Patient/${id}` };
  return {
    id,
    observationId: await create({ resourceType: 'Observation', status: 'final', code: { text: 'wellbeing check' }, subject }),
    psyConditionId: await create({ resourceType: 'Condition', meta: { security: [PSY] }, code: { text: 'psychiatric diagnosis' }, subject }),
  };
}

const reasonParameters = (reason?: string) => ({
  resourceType: 'Parameters',
  parameter: reason === undefined ? [] : [{ name: 'reason', valueString: reason }],
});

const outputOf = (body: { parameter?: { name: string; valueInstant?: string; valueString?: string }[] }, name: string) =>
  body.parameter?.find((p) => p.name === name);

describe('break-glass', () => {
  const reason = 'Called by the camp clinic: patient expressed suicidal intent, needs the safety plan now';
  let expires: string;
  let openedAt: Date;

  it('a psychologist at site A1 cannot see a patient at site A2', async () => {
    const p = world.patients.atSiteA2;
    const psychologist = member('a.psychologist');
    expect((await psychologist.fhir('GET', `Patient/${p.id}`)).status).toBe(404);
    expect((await psychologist.fhir('GET', `Condition/${p.psyConditionId}`)).status).toBe(404);
  });

  it('without a reason it is refused with 400 naming the parameter, and opens nothing', async () => {
    const p = world.patients.atSiteA2;
    const psychologist = member('a.psychologist');
    for (const body of [reasonParameters(), reasonParameters('   ')]) {
      const res = await psychologist.fhir('POST', `Patient/${p.id}/$break-glass`, body);
      expect(res.status).toBe(400);
      expect(res.body.resourceType).toBe('OperationOutcome');
      expect(JSON.stringify(res.body.issue)).toContain('reason');
    }
    expect((await psychologist.fhir('GET', `Patient/${p.id}`)).status).toBe(404);
  });

  it.each(['a.caseworker', 'a.reporter', 'a.admin', 'b.caseworker'])('%s may not break the glass (403)', async (key) => {
    const res = await member(key).fhir('POST', `Patient/${world.patients.atSiteA2.id}/$break-glass`, reasonParameters(reason));
    expect(res.status).toBe(403);
    expect((await member(key).fhir('GET', `Patient/${world.patients.atSiteA2.id}`)).status).not.toBe(200);
  });

  it('an unknown patient answers 404', async () => {
    const res = await member('a.psychologist').fhir('POST', 'Patient/no-such-patient/$break-glass', reasonParameters(reason));
    expect(res.status).toBe(404);
  });

  it('with a reason it answers 200 with expires four hours ahead', async () => {
    openedAt = clock();
    const res = await member('a.psychologist').fhir('POST', `Patient/${world.patients.atSiteA2.id}/$break-glass`, reasonParameters(reason));
    expect(res.status).toBe(200);
    expect(res.body.resourceType).toBe('Parameters');
    expires = outputOf(res.body, 'expires')?.valueInstant as string;
    expect(Math.abs(Date.parse(expires) - (openedAt.getTime() + 4 * HOUR))).toBeLessThan(5_000);
  });

  it('then the patient and their record read, PSY content included for a psychologist', async () => {
    const p = world.patients.atSiteA2;
    const psychologist = member('a.psychologist');
    expect((await psychologist.fhir('GET', `Patient/${p.id}`)).status).toBe(200);
    expect((await psychologist.fhir('GET', `Observation/${p.observationId}`)).status).toBe(200);
    expect((await psychologist.fhir('GET', `Condition/${p.psyConditionId}`)).status).toBe(200);
    const search = await psychologist.fhir('GET', `Condition?subject=Patient/${p.id}&_total=accurate`);
    expect(search.body.total).toBe(1);
  });

  it('only for the one who broke the glass', async () => {
    const p = world.patients.atSiteA2;
    expect((await member('a.psychiatrist').fhir('GET', `Patient/${p.id}`)).status).toBe(404);
    expect((await member('a.supervisor').fhir('GET', `Patient/${p.id}`)).status).toBe(404);
  });

  it('the audit trail has the break-glass event with the reason, the patient and who it was', async () => {
    const p = world.patients.atSiteA2;
    const admin = member('a.admin');
    const byPatient = await admin.fhir('GET', `AuditEvent?patient=Patient/${p.id}&_count=1000`);
    expect(byPatient.status).toBe(200);
    const bySubtype = await admin.fhir('GET', `AuditEvent?subtype=${HIWA_AUDIT_SUBTYPE_SYSTEM}|break-glass&_count=1000`);
    expect(bySubtype.status).toBe(200);
    type Event = {
      id: string;
      subtype: { code: string }[];
      outcome: string;
      purposeOfEvent?: { text?: string }[];
      agent: { who?: { reference?: string } }[];
      entity?: { what?: { reference?: string } }[];
    };
    const events = (body: { entry?: { resource: Event }[] }) =>
      (body.entry ?? []).map((e) => e.resource).filter((e) => e.subtype.some((s) => s.code === 'break-glass') && e.outcome === '0');
    const found = events(byPatient.body);
    expect(found).toHaveLength(1);
    expect(events(bySubtype.body).map((e) => e.id)).toEqual(found.map((e) => e.id));
    const [event] = found;
    expect(event.purposeOfEvent?.[0]?.text).toBe(reason);
    expect(event.agent[0]?.who?.reference).toBe(`Practitioner/${member('a.psychologist').practitionerId}`);
    expect(event.entity?.map((e) => e.what?.reference)).toContain(`Patient/${p.id}`);
    // the organisation's supervisor reads it in their organisation's trail too
    const supervisor = await member('a.supervisor').fhir('GET', `AuditEvent?subtype=${HIWA_AUDIT_SUBTYPE_SYSTEM}|break-glass`);
    expect(events(supervisor.body).map((e) => e.id)).toContain(event.id);
  });

  it('a review Task for supervisors is raised for the patient, and the patient\'s supervisors find it', async () => {
    const p = world.patients.atSiteA2;
    const supervisorA2 = await staffAt('supervisor', world.orgA, [world.siteA2]);
    const res = await supervisorA2.fhir('GET', `Task?patient=Patient/${p.id}&performer=${STAFF_ROLE_SYSTEM}|supervisor`);
    expect(res.status).toBe(200);
    const tasks = (res.body.entry ?? []).map((e: { resource: Record<string, unknown> }) => e.resource);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      status: 'requested',
      for: { reference: `Patient/${p.id}` },
      requester: { reference: `Practitioner/${member('a.psychologist').practitionerId}` },
      performerType: [{ coding: [{ system: STAFF_ROLE_SYSTEM, code: 'supervisor' }] }],
    });
    expect(tasks[0].description).toContain(reason);
  });

  it('still open just before four hours have passed', async () => {
    jump(4 * HOUR - 60_000 - (clock().getTime() - openedAt.getTime()));
    expect((await member('a.psychologist').fhir('GET', `Patient/${world.patients.atSiteA2.id}`)).status).toBe(200);
  });

  it('gone after four hours: reads, searches and includes no longer reach the patient', async () => {
    jump(2 * 60_000);
    expect(clock().getTime()).toBeGreaterThan(Date.parse(expires));
    const p = world.patients.atSiteA2;
    const psychologist = member('a.psychologist');
    expect((await psychologist.fhir('GET', `Patient/${p.id}`)).status).toBe(404);
    expect((await psychologist.fhir('GET', `Condition/${p.psyConditionId}`)).status).toBe(404);
    expect((await psychologist.fhir('GET', `Observation?subject=Patient/${p.id}&_summary=count`)).body.total).toBe(0);
    const inc = await psychologist.fhir('GET', `Observation?_id=${p.observationId}&_include=Observation:subject`);
    expect(inc.body.entry ?? []).toEqual([]);
  });
});

describe('access grants', () => {
  const expiresIn = (ms: number) => new Date(clock().getTime() + ms).toISOString();
  const grantParameters = (target: { organization?: string; practitioner?: string }, consentId?: string, expires = expiresIn(30 * DAY)) => ({
    resourceType: 'Parameters',
    parameter: [
      ...(target.organization ? [{ name: 'organization', valueReference: { reference: `Organization/${target.organization}` } }] : []),
      ...(target.practitioner ? [{ name: 'practitioner', valueReference: { reference: `Practitioner/${target.practitioner}` } }] : []),
      { name: 'purpose', valueCode: 'referral' },
      { name: 'expires', valueDateTime: expires },
      ...(consentId ? [{ name: 'consent', valueReference: { reference: `Consent/${consentId}` } }] : []),
    ],
  });
  let patient: Awaited<ReturnType<typeof newPatientA1>>;
  let consent: Record<string, unknown> & { id: string };
  let consentEnd: string;
  const caseworker = () => member('a.caseworker');
  const partner = () => member('b.caseworker');

  beforeAll(async () => {
    patient = await newPatientA1('Shared');
  });

  it('a partner caseworker (organisation B) cannot see an organisation-A patient', async () => {
    expect((await partner().fhir('GET', `Patient/${patient.id}`)).status).toBe(404);
    expect((await partner().fhir('GET', `Observation/${patient.observationId}`)).status).toBe(404);
  });

  it('sharing with organisation B without consent is refused (409 naming the consent parameter) and opens nothing', async () => {
    const res = await caseworker().fhir('POST', `Patient/${patient.id}/$grant-access`, grantParameters({ organization: world.orgB }));
    expect(res.status).toBe(409);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(res.body.issue[0].expression).toEqual(["Parameters.parameter.where(name='consent')"]);
    expect((await partner().fhir('GET', `Patient/${patient.id}`)).status).toBe(404);
  });

  it('a consent that is not active, or names another organisation, does not allow it (409)', async () => {
    const orgC = (await createOrganization(suite.server.auth, { name: 'Third CSO' })).id as string;
    for (const options of [
      { actorOrganizationId: world.orgB, status: 'proposed' as const },
      { actorOrganizationId: orgC },
    ]) {
      const c = await caseworker().fhir('POST', 'Consent', consentFor({ patientId: patient.id, purpose: 'sharing', ...options }));
      expect(c.status).toBe(201);
      const res = await caseworker().fhir('POST', `Patient/${patient.id}/$grant-access`, grantParameters({ organization: world.orgB }, c.body.id));
      expect(res.status).toBe(409);
    }
    expect((await partner().fhir('GET', `Patient/${patient.id}`)).status).toBe(404);
  });

  it('with the patient\'s active consent to share with B it answers 200, the expiry capped by the consent\'s end', async () => {
    consentEnd = expiresIn(10 * DAY);
    const c = await caseworker().fhir(
      'POST',
      'Consent',
      consentFor({ patientId: patient.id, purpose: 'sharing', actorOrganizationId: world.orgB, until: consentEnd }),
    );
    expect(c.status).toBe(201);
    consent = c.body;
    const res = await caseworker().fhir('POST', `Patient/${patient.id}/$grant-access`, grantParameters({ organization: world.orgB }, consent.id));
    expect(res.status).toBe(200);
    expect(outputOf(res.body, 'grant')?.valueString).toEqual(expect.any(String));
    // asked for 30 days, the consent ends in 10
    expect(Date.parse(outputOf(res.body, 'expires')?.valueInstant as string)).toBe(Date.parse(consentEnd));
  });

  it('the partner then reads the patient and their compartment, but not PSY content', async () => {
    const fhir = partner().fhir;
    expect((await fhir('GET', `Patient/${patient.id}`)).status).toBe(200);
    expect((await fhir('GET', `Observation/${patient.observationId}`)).status).toBe(200);
    const compartment = await fhir('GET', `Observation?subject=Patient/${patient.id}&_total=accurate`);
    expect(compartment.body.total).toBe(1);
    expect((await fhir('GET', `Condition/${patient.psyConditionId}`)).status).toBe(404);
  });

  it('other staff of the partner organisation share the grant; nobody else does', async () => {
    const partnerPsychologist = await staffAt('psychologist', world.orgB, [world.siteB]);
    expect((await partnerPsychologist.fhir('GET', `Patient/${patient.id}`)).status).toBe(200);
    const thirdOrg = (await createOrganization(suite.server.auth, { name: 'Unrelated CSO' })).id as string;
    const thirdSite = (await createSite(suite.server.auth, { name: 'Unrelated site', organization: thirdOrg })).id as string;
    const outsider = await staffAt('caseworker', thirdOrg, [thirdSite]);
    expect((await outsider.fhir('GET', `Patient/${patient.id}`)).status).toBe(404);
  });

  it('when the consent becomes inactive the partner loses access at once', async () => {
    const current = (await caseworker().fhir('GET', `Consent/${consent.id}`)).body;
    expect((await caseworker().fhir('PUT', `Consent/${consent.id}`, { ...current, status: 'inactive' })).status).toBe(200);
    expect((await partner().fhir('GET', `Patient/${patient.id}`)).status).toBe(404);
    expect((await partner().fhir('GET', `Observation?subject=Patient/${patient.id}&_summary=count`)).body.total).toBe(0);
  });

  it('the grant ends with the consent\'s period even while the consent stays active', async () => {
    const other = await newPatientA1('SharedUntil');
    const end = expiresIn(2 * DAY);
    const c = await caseworker().fhir('POST', 'Consent', consentFor({ patientId: other.id, purpose: 'sharing', actorOrganizationId: world.orgB, until: end }));
    const res = await caseworker().fhir('POST', `Patient/${other.id}/$grant-access`, grantParameters({ organization: world.orgB }, c.body.id));
    expect(res.status).toBe(200);
    expect((await partner().fhir('GET', `Patient/${other.id}`)).status).toBe(200);
    jump(2 * DAY + 60_000);
    expect((await partner().fhir('GET', `Patient/${other.id}`)).status).toBe(404);
  });

  it('a grant to a practitioner of the same organisation (a psychiatrist at another site) works without consent', async () => {
    const other = await newPatientA1('Referred');
    const psychiatrist = await staffAt('psychiatrist', world.orgA, [world.siteA2]);
    expect((await psychiatrist.fhir('GET', `Patient/${other.id}`)).status).toBe(404);
    const res = await caseworker().fhir('POST', `Patient/${other.id}/$grant-access`, grantParameters({ practitioner: psychiatrist.practitionerId }));
    expect(res.status).toBe(200);
    expect((await psychiatrist.fhir('GET', `Patient/${other.id}`)).status).toBe(200);
    expect((await psychiatrist.fhir('GET', `Condition/${other.psyConditionId}`)).status).toBe(200);
    // the grant is the practitioner's alone: a colleague at the same site does not share it
    const colleagueA2 = await staffAt('psychiatrist', world.orgA, [world.siteA2]);
    expect((await colleagueA2.fhir('GET', `Patient/${other.id}`)).status).toBe(404);
  });

  it('a grant to a practitioner of another organisation needs that organisation\'s consent like any sharing (409)', async () => {
    const other = await newPatientA1('NotViaPractitioner');
    const res = await caseworker().fhir('POST', `Patient/${other.id}/$grant-access`, grantParameters({ practitioner: partner().practitionerId }));
    expect(res.status).toBe(409);
    expect((await partner().fhir('GET', `Patient/${other.id}`)).status).toBe(404);
  });

  it('only clinical staff who reach the patient may grant: a reporter is refused (403), a patient out of reach is 404', async () => {
    const reporter = await member('a.reporter').fhir('POST', `Patient/${patient.id}/$grant-access`, grantParameters({ practitioner: member('a.psychiatrist').practitionerId }));
    expect(reporter.status).toBe(403);
    const unreachable = await caseworker().fhir(
      'POST',
      `Patient/${world.patients.atPartner.id}/$grant-access`,
      grantParameters({ practitioner: member('a.psychiatrist').practitionerId }),
    );
    expect(unreachable.status).toBe(404);
  });
});
