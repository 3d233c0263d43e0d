import type { Encounter } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { loadDefinitions, getHiwaCodeSystem } from '../../server/fhir/definitions.js';
import { PSY_SERVICE_TYPES } from '../../server/clinical/psy-service-types.js';
import { countServices } from '../../server/clinical/service-counts.js';
import {
  MODALITY_SYSTEM,
  PM_PLUS_SESSION_URL,
  SERVICE_TYPE_SYSTEM,
  serviceEncounterIssues,
  withSensitivityLabel,
} from '../../server/clinical/service-encounter.js';
import { attendanceEncounters, withAttendeesAsMembers } from '../../server/clinical/group-attendance.js';

loadDefinitions();

const session = (service: string, more: Partial<Encounter> = {}): Encounter => ({
  resourceType: 'Encounter',
  status: 'finished',
  class: { code: 'AMB' },
  serviceType: { coding: [{ system: SERVICE_TYPE_SYSTEM, code: service }] },
  subject: { reference: 'Patient/p1' },
  ...more,
});
const pmPlus = (n: number) => ({ extension: [{ url: PM_PLUS_SESSION_URL, valueInteger: n }] });
const expressions = (e: Encounter) => serviceEncounterIssues(e).flatMap((i) => i.expression ?? []);

describe('an Encounter recording a Hiwa service', () => {
  it('is checked only when it claims Hiwa service-type: other Encounters are plain FHIR, not services', () => {
    expect(serviceEncounterIssues({ resourceType: 'Encounter', status: 'finished', class: { code: 'AMB' }, subject: { reference: 'Patient/p1' } })).toEqual([]);
    const other = { serviceType: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/service-type', code: '124' }] } };
    expect(serviceEncounterIssues(session('x', other))).toEqual([]);
  });

  it('names Encounter.serviceType for a code the CodeSystem lacks, and for two services in one Encounter', () => {
    expect(serviceEncounterIssues(session('counselling'))).toMatchObject([{ code: 'code-invalid', expression: ['Encounter.serviceType'] }]);
    const two = { serviceType: { coding: [{ system: SERVICE_TYPE_SYSTEM, code: 'pfa' }, { system: SERVICE_TYPE_SYSTEM, code: 'emotional-support' }] } };
    expect(expressions(session('pfa', two))).toEqual(['Encounter.serviceType']);
  });

  it('accepts every service of every layer', () => {
    const codes = getHiwaCodeSystem(SERVICE_TYPE_SYSTEM)?.concept?.map((c) => c.code) ?? [];
    expect(codes.length).toBeGreaterThan(30);
    for (const code of codes) {
      const beneficiary = getHiwaCodeSystem(SERVICE_TYPE_SYSTEM)?.concept?.find((c) => c.code === code)?.property?.find((p) => p.code === 'beneficiary-service')?.valueBoolean;
      const encounter = session(code, { ...(code === 'pm-plus' ? pmPlus(1) : {}), ...(beneficiary ? {} : { subject: undefined }) });
      expect(serviceEncounterIssues(encounter), code).toEqual([]);
    }
  });

  it('refuses a patient for a service that is not to a beneficiary (a coordination meeting, staff training)', () => {
    expect(expressions(session('coordination-meeting'))).toEqual(['Encounter.subject']);
    expect(serviceEncounterIssues(session('staff-training', { subject: undefined }))).toEqual([]);
  });

  it('checks a modality that claims Hiwa modality system', () => {
    expect(serviceEncounterIssues(session('pfa', { type: [{ coding: [{ system: MODALITY_SYSTEM, code: 'remote-phone' }] }] }))).toEqual([]);
    expect(expressions(session('pfa', { type: [{ coding: [{ system: MODALITY_SYSTEM, code: 'by-carrier-pigeon' }] }] }))).toEqual(['Encounter.type[0]']);
  });

  it('needs a PM+ session number from 1 to 5 on a PM+ session, and on no other service', () => {
    const where = `Encounter.extension('${PM_PLUS_SESSION_URL}')`;
    for (const n of [1, 2, 3, 4, 5]) expect(serviceEncounterIssues(session('pm-plus', pmPlus(n)))).toEqual([]);
    for (const n of [0, 6, 2.5]) expect(serviceEncounterIssues(session('pm-plus', pmPlus(n)))).toMatchObject([{ code: 'value', expression: [where] }]);
    expect(serviceEncounterIssues(session('pm-plus'))).toMatchObject([{ code: 'required', expression: [where] }]);
    expect(serviceEncounterIssues(session('emotional-support', pmPlus(2)))).toMatchObject([{ code: 'business-rule', expression: [where] }]);
  });
});

describe('the PSY label of counselling and psychiatric services', () => {
  it('lists only codes of the CodeSystem: layer 4 but the referral, and individual and group counselling', () => {
    const concepts = getHiwaCodeSystem(SERVICE_TYPE_SYSTEM)?.concept ?? [];
    const layer = (code: string) => concepts.find((c) => c.code === code)?.property?.find((p) => p.code === 'layer')?.valueCode;
    const layer4 = concepts.filter((c) => layer(c.code) === 'layer-4').map((c) => c.code);
    expect([...PSY_SERVICE_TYPES].sort()).toEqual([...layer4.filter((c) => c !== 'referral-specialised'), 'individual-counselling', 'group-counselling'].sort());
  });

  it('is added to those services, kept beside other labels, and not added to the others', () => {
    const labelled = withSensitivityLabel(session('individual-counselling', { meta: { security: [{ code: 'R' }] } }));
    expect(labelled.meta?.security?.map((c) => c.code)).toEqual(['R', 'PSY']);
    expect(withSensitivityLabel(labelled)).toBe(labelled);
    expect(withSensitivityLabel(session('pm-plus', pmPlus(1))).meta).toBeUndefined();
    expect(withSensitivityLabel(session('referral-specialised')).meta).toBeUndefined();
  });
});

describe('counting services and group activities (services.md: per beneficiary attendance)', () => {
  const attendees = Array.from({ length: 12 }, (_, i) => `p${i}`);
  const attendance = {
    period: { start: '2026-11-02T09:00:00Z', end: '2026-11-02T10:30:00Z' },
    serviceType: 'guided-group-discussion',
    modality: 'community-centre',
    location: 'site1',
    staff: ['pr1'],
    attendees,
  };
  const ids = { meeting: 'm', attendees: attendees.map((p) => `e-${p}`) };

  it('a meeting with 12 attendees is 13 Encounters, 12 of them part of the meeting, whose subject is the Group', () => {
    const [meeting, ...each] = attendanceEncounters('g1', attendance, ids);
    expect(meeting).toMatchObject({ id: 'm', subject: { reference: 'Group/g1' }, length: { value: 90, code: 'min' }, class: { code: 'AMB' } });
    expect(meeting.partOf).toBeUndefined();
    expect(each).toHaveLength(12);
    expect(each.every((e) => e.partOf?.reference === 'Encounter/m')).toBe(true);
    expect(each.map((e) => e.subject?.reference)).toEqual(attendees.map((p) => `Patient/${p}`));
    for (const e of [meeting, ...each]) expect(serviceEncounterIssues(e)).toEqual([]);
  });

  it('counts 12 services and one activity, 12 beneficiaries; coordination and plain Encounters not at all', () => {
    const written = attendanceEncounters('g1', attendance, ids);
    const coordination = session('coordination-meeting', { subject: undefined });
    const plain: Encounter = { resourceType: 'Encounter', status: 'finished', class: { code: 'AMB' }, subject: { reference: 'Patient/p0' } };
    expect(countServices([...written, coordination, plain])).toEqual({ services: 12, activities: 1, beneficiaries: 12 });
    expect(countServices([...written, session('pfa', { subject: { reference: 'Patient/p0' } })])).toEqual({ services: 13, activities: 1, beneficiaries: 12 });
  });

  it('adds attendees who are not members yet, from the meeting, and removes nobody', () => {
    const group = { resourceType: 'Group' as const, type: 'person' as const, actual: true, member: [{ entity: { reference: 'Patient/p0' } }, { entity: { reference: 'Patient/x' } }] };
    const { group: after, added } = withAttendeesAsMembers(group, ['p0', 'p1'], '2026-11-02T09:00:00Z');
    expect(added).toEqual(['p1']);
    expect(after.member?.map((m) => m.entity.reference)).toEqual(['Patient/p0', 'Patient/x', 'Patient/p1']);
    expect(after.member?.[2].period).toEqual({ start: '2026-11-02T09:00:00Z' });
    expect(withAttendeesAsMembers(group, ['p0'], 'x').group).toBe(group);
  });
});
