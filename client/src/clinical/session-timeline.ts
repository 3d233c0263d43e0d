import type { Encounter, Group, Resource } from '@medplum/fhirtypes';
import { serviceCodeOf } from './service-session.js';

/** One service the beneficiary received, as the record lists it. */
export interface SessionEntry {
  id: string;
  date?: string;
  /** the catalogue's service code */
  service?: string;
  /** for an attendance at a group meeting: the group's name (undefined when the caller may not see the group) */
  group?: { name?: string };
}

/**
 * The beneficiary's sessions, newest first as searched: an attendance at a group meeting (an Encounter
 * `partOf` the meeting, whose subject is the Group) names the group, found among the included resources.
 */
export function sessionTimeline(encounters: readonly Encounter[], included: readonly Resource[]): SessionEntry[] {
  const byReference = new Map<string, Resource>(included.flatMap((r) => (r.id ? [[`${r.resourceType}/${r.id}`, r] as const] : [])));
  return encounters.map((encounter) => {
    const entry: SessionEntry = { id: encounter.id ?? '', date: encounter.period?.start, service: serviceCodeOf(encounter.serviceType) };
    const meetingReference = encounter.partOf?.reference;
    if (meetingReference === undefined) return entry;
    const meeting = byReference.get(meetingReference) as Encounter | undefined;
    const group = byReference.get(meeting?.subject?.reference ?? '') as Group | undefined;
    return { ...entry, group: { name: group?.resourceType === 'Group' ? group.name : undefined } };
  });
}
