import { randomUUID } from 'node:crypto';
import type { Bundle, Group, Patient, Resource } from '@medplum/fhirtypes';
import { attendanceEncounters, withAttendeesAsMembers, type Attendance } from '../../clinical/group-attendance.js';
import { findResources } from '../../clinical/find-resources.js';
import { ItemFailure, type Repository } from '../../store/repository.js';
import { FhirError, badRequest, issue, outcome, unprocessable } from '../outcomes.js';
import { MAX_COUNT } from '../search/parse.js';
import type { Operation } from './operation.js';
import { MAX_ATTENDEES, parseAttendance } from './record-attendance-parameters.js';

const where = (name: string) => `Parameters.parameter.where(name='${name}')`;

/**
 * `Group/{id}/$record-attendance`: one meeting of a group activity recorded in one transaction — the
 * meeting's Encounter (subject the Group), one Encounter per attendee `partOf` it, and the attendees who
 * were not yet members added to the Group. Attendees need no open case. Every Encounter passes the session
 * rule (service type, PM+ number, PSY label) and the access check like any write, and is audited as one.
 * Answers a `collection` Bundle of what was written.
 */
export const recordAttendanceOperation: Operation = {
  appliesTo: ['Group'],
  definition: {
    resourceType: 'OperationDefinition',
    id: 'Group-record-attendance',
    url: 'https://hiwa.health/fhir/OperationDefinition/Group-record-attendance',
    name: 'RecordAttendance',
    status: 'active',
    kind: 'operation',
    code: 'record-attendance',
    system: false,
    type: false,
    instance: true,
    parameter: [
      { name: 'period', use: 'in', min: 1, max: '1', type: 'Period' },
      { name: 'serviceType', use: 'in', min: 1, max: '1', type: 'Coding' },
      { name: 'modality', use: 'in', min: 0, max: '1', type: 'Coding' },
      { name: 'location', use: 'in', min: 1, max: '1', type: 'Reference' },
      { name: 'staff', use: 'in', min: 0, max: '*', type: 'Reference', documentation: 'Who ran the meeting; the caller when absent' },
      { name: 'serviceProvider', use: 'in', min: 0, max: '1', type: 'Reference', documentation: 'The partner organisation that delivered it' },
      { name: 'pmPlusSession', use: 'in', min: 0, max: '1', type: 'integer', documentation: 'Required (1-5) when the service is pm-plus' },
      { name: 'attendee', use: 'in', min: 1, max: String(MAX_ATTENDEES), type: 'Reference', documentation: 'Patients, each once' },
      { name: 'return', use: 'out', min: 1, max: '1', type: 'Bundle' },
    ],
  },
  async handler(repo, req, target) {
    const caller = repo.caller;
    const attendance = parseAttendance(req.body, { practitionerId: caller.kind === 'staff' ? caller.practitionerId : undefined });
    const groupId = target.id as string;
    const written = await repo.transaction(async (tx) => {
      const group = (await tx.read('Group', groupId, { forUpdate: true })).resource as Group;
      if (group.type !== 'person' || !group.actual) {
        throw unprocessable([issue('business-rule', 'Attendance is recorded on an actual Group of persons (type person, actual true)', 'Group.type')]);
      }
      await requireDirectoryEntries(tx, attendance);
      await requireReadablePatients(tx, attendance.attendees);
      const ids = { meeting: randomUUID(), attendees: attendance.attendees.map(() => randomUUID()) };
      const encounters = attendanceEncounters(groupId, attendance, ids);
      // Every Encounter shares the meeting's facts, so a refusal of one (the session rule) is the refusal itself.
      const created = await tx.createMany(encounters, [ids.meeting, ...ids.attendees]).catch((err: unknown) => {
        throw err instanceof ItemFailure ? err.cause : err;
      });
      const members = withAttendeesAsMembers(group, attendance.attendees, attendance.period.start);
      const updated = members.added.length > 0 ? [(await tx.update(members.group)).resource] : [];
      return [...created.map((w) => w.resource), ...updated];
    });
    const bundle: Bundle = { resourceType: 'Bundle', type: 'collection', entry: written.map((resource: Resource) => ({ resource })) };
    return { status: 200, body: bundle };
  },
};

/** The location and staff exist (everybody reads the directory): else a 400 naming the parameter. */
async function requireDirectoryEntries(repo: Repository, attendance: Attendance): Promise<void> {
  const wanted = [
    { name: 'location', type: 'Location' as const, id: attendance.location },
    ...attendance.staff.map((id) => ({ name: 'staff', type: 'Practitioner' as const, id })),
    ...(attendance.serviceProvider === undefined ? [] : [{ name: 'serviceProvider', type: 'Organization' as const, id: attendance.serviceProvider }]),
  ];
  for (const { name, type, id } of wanted) {
    const found = await findResources(repo, type, [['_id', id]], 1);
    if (found.length === 0) throw badRequest(`The parameter '${name}' names ${type}/${id}, which does not exist`, where(name));
  }
}

/**
 * Every attendee is a Patient the caller may read: one search (with the caller's access rule) per page of
 * ids. One who is hidden answers like one who does not exist (404), saying nothing more.
 */
async function requireReadablePatients(repo: Repository, ids: readonly string[]): Promise<void> {
  const seen = new Set<string>();
  for (let i = 0; i < ids.length; i += MAX_COUNT) {
    const page = ids.slice(i, i + MAX_COUNT);
    for (const p of await findResources<Patient>(repo, 'Patient', [['_id', page.join(',')]], page.length)) seen.add(p.id as string);
  }
  const missing = ids.find((id) => !seen.has(id));
  if (missing !== undefined) {
    throw new FhirError(404, outcome(issue('not-found', `Patient/${missing} not found`, where('attendee'))));
  }
}
