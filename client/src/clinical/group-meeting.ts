import type { Parameters, ParametersParameter } from '@medplum/fhirtypes';
import type { MessageKey } from '../i18n/messages-en.js';
import { serviceCoding } from './service-session.js';

/** One meeting of a group as the form holds it, everything as typed. */
export interface MeetingDraft {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM, local time */
  startTime: string;
  /** minutes, as typed; blank = not recorded */
  duration: string;
  /** the Practitioner who ran it */
  facilitator: string;
  /** a service code of the catalogue */
  activity: string;
  /** the site (Location id) */
  site: string;
  topic: string;
  /** Patient ids of those who came, in the order ticked */
  attendees: string[];
}

export const meetingFields = ['date', 'startTime', 'duration', 'facilitator', 'activity', 'site', 'topic', 'attendees'] as const;
export type MeetingField = (typeof meetingFields)[number];

/** What is wrong with a draft before it is sent, one message per field: the form says so and keeps what was typed. */
export function meetingProblems(draft: MeetingDraft): Partial<Record<MeetingField, MessageKey>> {
  const problems: Partial<Record<MeetingField, MessageKey>> = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.date) || Number.isNaN(Date.parse(draft.date))) problems.date = 'groups.meeting.noDate';
  if (!/^\d{2}:\d{2}$/.test(draft.startTime)) problems.startTime = 'groups.meeting.noTime';
  const duration = draft.duration.trim();
  if (duration !== '' && !(/^\d{1,4}$/.test(duration) && Number(duration) > 0 && Number(duration) <= 24 * 60)) problems.duration = 'groups.meeting.badDuration';
  if (!draft.facilitator) problems.facilitator = 'groups.meeting.noFacilitator';
  if (serviceCoding(draft.activity) === undefined) problems.activity = 'groups.meeting.noActivity';
  if (!draft.site) problems.site = 'groups.meeting.noSite';
  if (draft.attendees.length === 0) problems.attendees = 'groups.meeting.noAttendee';
  return problems;
}

/**
 * The input of `Group/{id}/$record-attendance` for a checked draft: the period from the local date and time
 * (as an instant, with the duration as its end), the activity, the site, who ran it and who came.
 */
export function attendanceParameters(draft: MeetingDraft): Parameters {
  const start = new Date(`${draft.date}T${draft.startTime}:00`);
  const minutes = draft.duration.trim() === '' ? undefined : Number(draft.duration.trim());
  const period = { start: start.toISOString(), ...(minutes === undefined ? {} : { end: new Date(start.getTime() + minutes * 60_000).toISOString() }) };
  const coding = serviceCoding(draft.activity);
  const parameter: ParametersParameter[] = [
    { name: 'period', valuePeriod: period },
    ...(coding ? [{ name: 'serviceType', valueCoding: { system: coding.system, code: coding.code } }] : []),
    { name: 'location', valueReference: { reference: `Location/${draft.site}` } },
    { name: 'staff', valueReference: { reference: `Practitioner/${draft.facilitator}` } },
    ...(draft.topic.trim() ? [{ name: 'topic', valueString: draft.topic.trim() }] : []),
    ...draft.attendees.map((id) => ({ name: 'attendee', valueReference: { reference: `Patient/${id}` } })),
  ];
  return { resourceType: 'Parameters', parameter };
}

const FIELD_OF_PARAMETER: Readonly<Record<string, MeetingField>> = {
  period: 'date',
  serviceType: 'activity',
  location: 'site',
  staff: 'facilitator',
  topic: 'topic',
  attendee: 'attendees',
};

/**
 * The form field a refusal names: a parameter of the operation (`Parameters.parameter.where(name='attendee')`)
 * or a part of the Encounters it writes (`Encounter.serviceType`); undefined = a refusal of the whole.
 */
export function meetingFieldOf(expression: string): MeetingField | undefined {
  const parameter = /name='(\w+)'/.exec(expression)?.[1];
  if (parameter !== undefined) return FIELD_OF_PARAMETER[parameter];
  if (expression.startsWith('Encounter.serviceType')) return 'activity';
  if (expression.startsWith('Encounter.period')) return 'date';
  if (expression.startsWith('Encounter.location')) return 'site';
  if (expression.startsWith('Encounter.participant')) return 'facilitator';
  return undefined;
}
