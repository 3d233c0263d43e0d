import type { Encounter, Group, Patient, Resource } from '@medplum/fhirtypes';
import type { FhirClient } from '../api/fhir-client.js';
import { loadPatientsByReference } from './patients-by-reference.js';
import { beneficiaryServices, serviceCodeOf, serviceCoding, type CodedChoice } from './service-session.js';

// The catalogue's services delivered to several beneficiaries at once (layer 2, group counselling, family
// psychoeducation, awareness sessions): what a group meets for. PM+ is left out: a meeting of it needs its
// session number, which the group form does not ask.
const GROUP_ACTIVITY_CODES = new Set([
  'group-counselling',
  'family-psychoeducation',
  'guided-group-discussion',
  'social-cultural-activity',
  'recreational-sports',
  'recreational-arts-crafts',
  'music-activity',
  'life-skills',
  'leadership-training',
  'informal-education',
  'language-course',
  'vocational-training',
  'caregiver-support',
  'memorialisation-storytelling',
  'peer-support-volunteer-training',
  'mli-awareness',
  'mli-peer-support',
  'awareness-session',
]);

/** The activities a group can run, in catalogue order. */
export const groupActivities: readonly CodedChoice[] = beneficiaryServices.filter((s) => GROUP_ACTIVITY_CODES.has(s.code));

export interface GroupDraft {
  name: string;
  /** a code of groupActivities */
  activity: string;
}

/**
 * A new activity group: a Group of persons (type person, actual, as `$record-attendance` needs), its
 * activity as `code` (the catalogue's service), managed by the caller's organisation. Members join as they
 * attend. What is left blank is left out, for the server to name.
 */
export function newActivityGroup(draft: GroupDraft, organizationId: string): Group {
  const coding = serviceCoding(draft.activity);
  const name = draft.name.trim();
  return {
    resourceType: 'Group',
    type: 'person',
    actual: true,
    active: true,
    ...(name ? { name } : {}),
    ...(coding ? { code: { coding: [coding] } } : {}),
    managingEntity: { reference: `Organization/${organizationId}` },
  };
}

/** The activity code a group meets for, if it names one of the catalogue's. */
export const activityOf = (group: Group): string | undefined => serviceCodeOf(group.code);

/** The members still in the group (not marked inactive, not ended), by `Patient/<id>` reference. */
export function currentMembers(group: Group): string[] {
  return (group.member ?? [])
    .filter((m) => m.inactive !== true && m.period?.end === undefined)
    .flatMap((m) => (m.entity.reference?.startsWith('Patient/') ? [m.entity.reference] : []));
}

export interface MeetingSummary {
  id: string;
  start?: string;
  end?: string;
  activity?: string;
  topic?: string;
  /** the attendances the caller may see (one Encounter per attendee, `partOf` the meeting) */
  attended: number;
}

/** Each meeting (newest first, as searched) with the number of attendances among `attendances`. */
export function meetingSummaries(meetings: readonly Encounter[], attendances: readonly Resource[]): MeetingSummary[] {
  const counts = new Map<string, number>();
  for (const r of attendances) {
    const of = r.resourceType === 'Encounter' ? r.partOf?.reference : undefined;
    if (of) counts.set(of, (counts.get(of) ?? 0) + 1);
  }
  return meetings.map((m) => ({
    id: m.id ?? '',
    start: m.period?.start,
    end: m.period?.end,
    activity: serviceCodeOf(m.serviceType),
    topic: m.reasonCode?.[0]?.text,
    attended: counts.get(`Encounter/${m.id ?? ''}`) ?? 0,
  }));
}

/** The groups the caller may see (the server decides: their organisation's, and those of people they serve), by name. */
export async function loadGroups(fhir: FhirClient): Promise<Group[]> {
  // R4 has no search parameter for Group.name, so no _sort by it: a page of groups is sorted here.
  const { matches } = await fhir.search<Group>('Group', { type: 'person', actual: 'true', _count: '200' });
  return matches.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
}

export interface GroupDetail {
  group: Group & { id: string };
  /** the current members the caller may read, by `Patient/<id>` */
  members: Map<string, Patient>;
  /** current members the caller may not read */
  hiddenMembers: number;
  meetings: MeetingSummary[];
}

/** A group, its members and its meetings with their attendance counts, in three requests. */
export async function loadGroupDetail(fhir: FhirClient, groupId: string): Promise<GroupDetail> {
  const [group, meetings] = await Promise.all([
    fhir.read<Group>('Group', groupId),
    fhir.search<Encounter>('Encounter', { subject: `Group/${groupId}`, _sort: '-date', _count: '100', _revinclude: 'Encounter:part-of' }),
  ]);
  const references = currentMembers(group);
  const members = await loadPatientsByReference(fhir, references);
  return {
    group: { ...group, id: group.id ?? groupId },
    members,
    hiddenMembers: references.filter((r) => !members.has(r)).length,
    meetings: meetingSummaries(meetings.matches, meetings.included),
  };
}
