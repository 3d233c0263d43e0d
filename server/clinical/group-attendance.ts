import type { Encounter, Group, GroupMember, Period } from '@medplum/fhirtypes';
import { ENCOUNTER_CLASS_OF_MODALITY, MODALITY_SYSTEM, PM_PLUS_SESSION_URL, SERVICE_TYPE_SYSTEM } from './service-encounter.js';

/** One meeting of a group as `$record-attendance` receives it, ids without their type. */
export interface Attendance {
  period: Period & { start: string };
  /** a code of Hiwa's service-type CodeSystem */
  serviceType: string;
  /** a code of Hiwa's modality CodeSystem; absent = at a centre (class AMB) */
  modality?: string;
  location: string;
  /** Practitioner ids of the staff who ran it */
  staff: string[];
  /** the partner organisation that delivered it, if one did */
  serviceProvider?: string;
  pmPlusSession?: number;
  /** what the meeting was about (a guided discussion's monthly topic) */
  topic?: string;
  /** Patient ids, each once */
  attendees: string[];
}

export interface AttendanceIds {
  meeting: string;
  /** one per attendee, in the same order */
  attendees: string[];
}

/**
 * The meeting's Encounter and one Encounter per attendee, `partOf` the meeting: the programme counts a
 * service per attendance and one group activity per meeting. The meeting's subject is the Group (R4 allows
 * Reference(Patient | Group) there: "the patient or group present"), so `Encounter?subject=Group/…` lists a
 * group's meetings and the meeting belongs to no patient's record.
 */
export function attendanceEncounters(groupId: string, attendance: Attendance, ids: AttendanceIds): Array<Encounter & { id: string }> {
  const common = sharedFacts(attendance);
  const meeting: Encounter & { id: string } = { ...common, id: ids.meeting, subject: { reference: `Group/${groupId}` } };
  const attendees = attendance.attendees.map((patientId, i) => ({
    ...common,
    id: ids.attendees[i],
    subject: { reference: `Patient/${patientId}` },
    partOf: { reference: `Encounter/${ids.meeting}` },
  }));
  return [meeting, ...attendees];
}

function sharedFacts(a: Attendance): Encounter {
  const minutes = a.period.end === undefined ? undefined : Math.round((Date.parse(a.period.end) - Date.parse(a.period.start)) / 60_000);
  return {
    resourceType: 'Encounter',
    ...(a.pmPlusSession === undefined ? {} : { extension: [{ url: PM_PLUS_SESSION_URL, valueInteger: a.pmPlusSession }] }),
    status: 'finished',
    class: ENCOUNTER_CLASS_OF_MODALITY[a.modality ?? 'community-centre'],
    ...(a.modality === undefined ? {} : { type: [{ coding: [{ system: MODALITY_SYSTEM, code: a.modality }] }] }),
    serviceType: { coding: [{ system: SERVICE_TYPE_SYSTEM, code: a.serviceType }] },
    ...(a.topic === undefined ? {} : { reasonCode: [{ text: a.topic }] }),
    participant: a.staff.map((id) => ({ individual: { reference: `Practitioner/${id}` } })),
    period: a.period,
    ...(minutes === undefined ? {} : { length: { value: minutes, unit: 'min', system: 'http://unitsofmeasure.org', code: 'min' } }),
    location: [{ location: { reference: `Location/${a.location}` } }],
    ...(a.serviceProvider === undefined ? {} : { serviceProvider: { reference: `Organization/${a.serviceProvider}` } }),
  };
}

/**
 * The Group with the attendees who were not yet members added, each a member from the meeting's start;
 * `added` lists them (empty = the Group needs no new version). Attendance never removes anyone.
 */
export function withAttendeesAsMembers(group: Group, attendees: readonly string[], since: string): { group: Group; added: string[] } {
  const members = new Set((group.member ?? []).map((m) => m.entity.reference));
  const added = attendees.filter((id) => !members.has(`Patient/${id}`));
  if (added.length === 0) return { group, added };
  const joined: GroupMember[] = added.map((id) => ({ entity: { reference: `Patient/${id}` }, period: { start: since } }));
  return { group: { ...group, member: [...(group.member ?? []), ...joined] }, added };
}
