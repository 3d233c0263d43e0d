import type { Encounter, Group } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { currentMembers, groupActivities, meetingSummaries, newActivityGroup } from '../../client/src/clinical/activity-groups.js';
import { attendanceParameters, meetingFieldOf, meetingProblems, type MeetingDraft } from '../../client/src/clinical/group-meeting.js';
import { sessionTimeline } from '../../client/src/clinical/session-timeline.js';

const SERVICE_TYPE = 'https://hiwa.health/fhir/CodeSystem/service-type';

const draft: MeetingDraft = {
  date: '2026-03-02',
  startTime: '10:00',
  duration: '90',
  facilitator: 'pr-1',
  activity: 'guided-group-discussion',
  site: 'loc-1',
  topic: ' Stress and anger ',
  attendees: ['p-1', 'p-2'],
};

describe('an activity group', () => {
  it('offers the catalogue services given to several people at once, not individual counselling or PM+', () => {
    const codes = groupActivities.map((a) => a.code);
    expect(codes).toContain('guided-group-discussion');
    expect(codes).toContain('group-counselling');
    expect(codes).not.toContain('individual-counselling');
    expect(codes).not.toContain('pm-plus');
  });

  it('is a Group of persons with its activity as code, managed by the organisation', () => {
    const group = newActivityGroup({ name: '  Women\'s group ', activity: 'caregiver-support' }, 'org-1');
    expect(group).toMatchObject({ resourceType: 'Group', type: 'person', actual: true, name: "Women's group", managingEntity: { reference: 'Organization/org-1' } });
    expect(group.code?.coding?.[0]).toMatchObject({ system: SERVICE_TYPE, code: 'caregiver-support' });
    expect(newActivityGroup({ name: ' ', activity: '' }, 'org-1')).not.toHaveProperty('name');
  });

  it('counts as members those not ended or inactive', () => {
    const group: Group = {
      resourceType: 'Group',
      type: 'person',
      actual: true,
      member: [{ entity: { reference: 'Patient/a' } }, { entity: { reference: 'Patient/b' }, inactive: true }, { entity: { reference: 'Patient/c' }, period: { end: '2026-01-01' } }],
    };
    expect(currentMembers(group)).toEqual(['Patient/a']);
  });

  it('sums the attendances of each meeting', () => {
    const meetings: Encounter[] = [
      { resourceType: 'Encounter', id: 'm2', status: 'finished', class: { code: 'AMB' }, period: { start: '2026-03-02T07:00:00Z' } },
      { resourceType: 'Encounter', id: 'm1', status: 'finished', class: { code: 'AMB' }, reasonCode: [{ text: 'Topic' }] },
    ];
    const attendance = (id: string, of: string): Encounter => ({ resourceType: 'Encounter', id, status: 'finished', class: { code: 'AMB' }, partOf: { reference: `Encounter/${of}` } });
    const summaries = meetingSummaries(meetings, [attendance('a', 'm2'), attendance('b', 'm2'), attendance('c', 'm1')]);
    expect(summaries.map((s) => [s.id, s.attended, s.topic])).toEqual([
      ['m2', 2, undefined],
      ['m1', 1, 'Topic'],
    ]);
  });
});

describe('recording a meeting', () => {
  it('says what is missing, field by field: no attendee, no date', () => {
    expect(meetingProblems(draft)).toEqual({});
    expect(meetingProblems({ ...draft, attendees: [], date: '' })).toEqual({ attendees: 'groups.meeting.noAttendee', date: 'groups.meeting.noDate' });
    expect(meetingProblems({ ...draft, duration: 'ninety', activity: 'nothing', site: '' })).toEqual({
      duration: 'groups.meeting.badDuration',
      activity: 'groups.meeting.noActivity',
      site: 'groups.meeting.noSite',
    });
    expect(meetingProblems({ ...draft, duration: '' })).toEqual({});
  });

  it('sends the $record-attendance parameters: the period from the local time and duration, each attendee once', () => {
    const params = attendanceParameters(draft).parameter ?? [];
    const one = (name: string) => params.find((p) => p.name === name);
    const start = new Date('2026-03-02T10:00:00');
    expect(one('period')?.valuePeriod).toEqual({ start: start.toISOString(), end: new Date(start.getTime() + 90 * 60_000).toISOString() });
    expect(one('serviceType')?.valueCoding).toEqual({ system: SERVICE_TYPE, code: 'guided-group-discussion' });
    expect(one('location')?.valueReference).toEqual({ reference: 'Location/loc-1' });
    expect(one('staff')?.valueReference).toEqual({ reference: 'Practitioner/pr-1' });
    expect(one('topic')?.valueString).toBe('Stress and anger');
    expect(params.filter((p) => p.name === 'attendee').map((p) => p.valueReference?.reference)).toEqual(['Patient/p-1', 'Patient/p-2']);
    const noEnd = attendanceParameters({ ...draft, duration: '', topic: '' }).parameter ?? [];
    expect(noEnd.find((p) => p.name === 'period')?.valuePeriod).not.toHaveProperty('end');
    expect(noEnd.some((p) => p.name === 'topic')).toBe(false);
  });

  it("places the server's refusals at the field they name", () => {
    expect(meetingFieldOf("Parameters.parameter.where(name='attendee')")).toBe('attendees');
    expect(meetingFieldOf("Parameters.parameter.where(name='period')")).toBe('date');
    expect(meetingFieldOf('Encounter.serviceType')).toBe('activity');
    expect(meetingFieldOf('Group.type')).toBeUndefined();
  });
});

describe("the beneficiary's sessions", () => {
  it('name the group of a meeting attended, and leave individual sessions as they are', () => {
    const individual: Encounter = { resourceType: 'Encounter', id: 'e1', status: 'finished', class: { code: 'AMB' }, serviceType: { coding: [{ system: SERVICE_TYPE, code: 'pfa' }] } };
    const attended: Encounter = { resourceType: 'Encounter', id: 'e2', status: 'finished', class: { code: 'AMB' }, partOf: { reference: 'Encounter/m' } };
    const hidden: Encounter = { resourceType: 'Encounter', id: 'e3', status: 'finished', class: { code: 'AMB' }, partOf: { reference: 'Encounter/other' } };
    const meeting: Encounter = { resourceType: 'Encounter', id: 'm', status: 'finished', class: { code: 'AMB' }, subject: { reference: 'Group/g' } };
    const group: Group = { resourceType: 'Group', id: 'g', type: 'person', actual: true, name: 'Stress group' };
    const entries = sessionTimeline([individual, attended, hidden], [meeting, group]);
    expect(entries.map((e) => [e.id, e.service, e.group?.name])).toEqual([
      ['e1', 'pfa', undefined],
      ['e2', undefined, 'Stress group'],
      ['e3', undefined, undefined],
    ]);
    expect(entries[2].group).toEqual({ name: undefined });
  });
});
