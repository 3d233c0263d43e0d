import type { Parameters, ParametersParameter } from '@medplum/fhirtypes';
import { z } from 'zod';
import type { Attendance } from '../../clinical/group-attendance.js';
import { MODALITY_SYSTEM, SERVICE_TYPE_SYSTEM, serviceConcept } from '../../clinical/service-encounter.js';
import { getHiwaCodeSystem } from '../definitions.js';
import { badRequest } from '../outcomes.js';
import { requireParameters, stringParam } from './parameters.js';

const where = (name: string) => `Parameters.parameter.where(name='${name}')`;
const KNOWN = new Set(['period', 'serviceType', 'modality', 'location', 'staff', 'serviceProvider', 'pmPlusSession', 'topic', 'attendee']);
const REPEATING = new Set(['staff', 'attendee']);
/** Most attendees one call records: a meeting, not a mass distribution. */
export const MAX_ATTENDEES = 500;

const dateTime = z.string().refine((v) => /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v)), 'a FHIR dateTime with a time');
const period = z.object({ start: dateTime, end: dateTime.optional() }).refine((p) => p.end === undefined || Date.parse(p.end) >= Date.parse(p.start), 'end before start');
const coding = z.object({ system: z.string().optional(), code: z.string() }).passthrough();
const reference = z.object({ reference: z.string() }).passthrough();

/** The input of `Group/{id}/$record-attendance`: a 400 naming the parameter for anything amiss. */
export function parseAttendance(body: unknown, caller: { practitionerId?: string }): Attendance {
  const params = requireParameters(body);
  for (const p of params.parameter ?? []) {
    if (!KNOWN.has(p.name)) throw badRequest(`$record-attendance has no parameter '${p.name}'`, where(p.name));
  }
  const attendees = all(params, 'attendee').map((p) => referenceTo(p, 'Patient'));
  if (attendees.length === 0) throw badRequest("The parameter 'attendee' is required: who attended (Patient references)", where('attendee'));
  if (attendees.length > MAX_ATTENDEES) throw badRequest(`At most ${MAX_ATTENDEES} attendees at one meeting`, where('attendee'));
  const twice = attendees.filter((id, i) => attendees.indexOf(id) !== i);
  if (twice.length > 0) throw badRequest(`Each attendee once: Patient/${twice[0]} is given more than once`, where('attendee'));
  const staff = all(params, 'staff').map((p) => referenceTo(p, 'Practitioner'));
  if (staff.length === 0 && caller.practitionerId === undefined) {
    throw badRequest("The parameter 'staff' is required: who ran the meeting (Practitioner references)", where('staff'));
  }
  const location = one(params, 'location');
  if (location === undefined) throw badRequest("The parameter 'location' is required: the site where the meeting was held", where('location'));
  const provider = one(params, 'serviceProvider');
  const pmPlus = one(params, 'pmPlusSession');
  return {
    period: periodOf(params),
    serviceType: serviceTypeOf(params),
    ...optional('modality', modalityOf(params)),
    location: referenceTo(location, 'Location'),
    staff: staff.length > 0 ? [...new Set(staff)] : [caller.practitionerId as string],
    ...optional('serviceProvider', provider === undefined ? undefined : referenceTo(provider, 'Organization')),
    ...optional('pmPlusSession', pmPlus === undefined ? undefined : integerOf(pmPlus)),
    ...optional('topic', stringParam(params, 'topic', { max: 500 })),
    attendees,
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

function all(params: Parameters, name: string): ParametersParameter[] {
  return (params.parameter ?? []).filter((p) => p.name === name);
}

function one(params: Parameters, name: string): ParametersParameter | undefined {
  const found = all(params, name);
  if (found.length > 1 && !REPEATING.has(name)) throw badRequest(`The parameter '${name}' is given more than once`, where(name));
  return found[0];
}

function referenceTo(p: ParametersParameter, type: string): string {
  const parsed = reference.safeParse(p.valueReference);
  const m = parsed.success ? new RegExp(`^${type}/([A-Za-z0-9\\-.]{1,64})$`).exec(parsed.data.reference) : null;
  if (!m) throw badRequest(`The parameter '${p.name}' must be a reference to a ${type} (valueReference '${type}/id')`, where(p.name));
  return m[1];
}

function periodOf(params: Parameters): Attendance['period'] {
  const p = one(params, 'period');
  const parsed = period.safeParse(p?.valuePeriod);
  if (!parsed.success) {
    throw badRequest("The parameter 'period' is required: valuePeriod with a start (and an end not before it), dateTimes with a time", where('period'));
  }
  return parsed.data.end === undefined ? { start: parsed.data.start } : { start: parsed.data.start, end: parsed.data.end };
}

function serviceTypeOf(params: Parameters): string {
  const parsed = coding.safeParse(one(params, 'serviceType')?.valueCoding);
  if (!parsed.success || parsed.data.system !== SERVICE_TYPE_SYSTEM || serviceConcept(parsed.data.code) === undefined) {
    throw badRequest(`The parameter 'serviceType' is required: a valueCoding of ${SERVICE_TYPE_SYSTEM}`, where('serviceType'));
  }
  return parsed.data.code;
}

function modalityOf(params: Parameters): string | undefined {
  const p = one(params, 'modality');
  if (p === undefined) return undefined;
  const parsed = coding.safeParse(p.valueCoding);
  const known = getHiwaCodeSystem(MODALITY_SYSTEM)?.concept?.some((c) => c.code === parsed.data?.code) ?? false;
  if (!parsed.success || parsed.data.system !== MODALITY_SYSTEM || !known) {
    throw badRequest(`The parameter 'modality' must be a valueCoding of ${MODALITY_SYSTEM}`, where('modality'));
  }
  return parsed.data.code;
}

function integerOf(p: ParametersParameter): number {
  const parsed = z.number().int().safeParse(p.valueInteger);
  if (!parsed.success) throw badRequest(`The parameter '${p.name}' must be a valueInteger`, where(p.name));
  return parsed.data;
}
