import { randomUUID } from 'node:crypto';
import type { Group, Patient, Resource } from '@medplum/fhirtypes';
import { FhirError, badRequest, issue, outcome, unprocessable } from '../fhir/outcomes.js';
import { MAX_COUNT } from '../fhir/search/parse.js';
import { ItemFailure, type Repository } from '../store/repository.js';
import { findResources } from './find-resources.js';
import { attendanceEncounters, withAttendeesAsMembers, type Attendance, type AttendanceIds } from './group-attendance.js';

const where = (name: string) => `Parameters.parameter.where(name='${name}')`;

/**
 * One meeting of a group activity, in one transaction as the caller: the meeting's Encounter (subject the
 * Group), one Encounter per attendee `partOf` it, and the attendees who were not yet members added to the
 * Group. Every Encounter passes the write rules (service type, PM+ number, PSY label) and the access check
 * like any write, and is audited as one. Returns what was written: the Encounters, then the Group if it
 * changed. `ids` fixes the new Encounters' ids (the demo's are the same on every install).
 */
export async function recordAttendance(repo: Repository, groupId: string, attendance: Attendance, ids: AttendanceIds = freshIds(attendance)): Promise<Resource[]> {
  return repo.transaction(async (tx) => {
    const group = (await tx.read('Group', groupId, { forUpdate: true })).resource as Group;
    if (group.type !== 'person' || !group.actual) {
      throw unprocessable([issue('business-rule', 'Attendance is recorded on an actual Group of persons (type person, actual true)', 'Group.type')]);
    }
    await requireDirectoryEntries(tx, attendance);
    await requireReadablePatients(tx, attendance.attendees);
    const encounters = attendanceEncounters(groupId, attendance, ids);
    // Every Encounter shares the meeting's facts, so a refusal of one (the session rule) is the refusal itself.
    const created = await tx.createMany(encounters, [ids.meeting, ...ids.attendees]).catch((err: unknown) => {
      throw err instanceof ItemFailure ? err.cause : err;
    });
    const members = withAttendeesAsMembers(group, attendance.attendees, attendance.period.start);
    const updated = members.added.length > 0 ? [(await tx.update(members.group)).resource] : [];
    return [...created.map((w) => w.resource), ...updated];
  });
}

function freshIds(attendance: Attendance): AttendanceIds {
  return { meeting: randomUUID(), attendees: attendance.attendees.map(() => randomUUID()) };
}

/** The location, staff and provider exist (everybody reads the directory): else a 400 naming the parameter. */
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
