import type { Parameters, ParametersParameter, Patient } from '@medplum/fhirtypes';
import { z } from 'zod';
import { badRequest } from '../outcomes.js';
import { requireParameters } from './parameters.js';

/** Most matches one call returns; a larger `count` is read as this. */
export const MAX_MATCH_COUNT = 100;
export const DEFAULT_MATCH_COUNT = 10;

export interface MatchInput {
  patient: Patient;
  count: number;
  onlyCertainMatches: boolean;
}

const where = (name: string) => `Parameters.parameter.where(name='${name}')`;
const KNOWN = new Set(['resource', 'count', 'onlyCertainMatches']);

/**
 * The parts of the Patient that the matcher reads, with their FHIR types; anything else the Patient holds
 * is passed over. A wrong type is a 400 naming the element.
 */
const patientToMatch = z
  .object({
    resourceType: z.literal('Patient'),
    id: z.string().max(64).optional(),
    name: z.array(z.object({ text: z.string().optional(), family: z.string().optional(), given: z.array(z.string()).optional() }).passthrough()).optional(),
    gender: z.enum(['male', 'female', 'other', 'unknown']).optional(),
    birthDate: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a FHIR date: YYYY, YYYY-MM or YYYY-MM-DD').optional(),
    telecom: z.array(z.object({ system: z.string().optional(), value: z.string().optional() }).passthrough()).optional(),
    address: z.array(z.object({ state: z.string().optional(), district: z.string().optional() }).passthrough()).optional(),
    extension: z.array(z.object({ url: z.string() }).passthrough()).optional(),
  })
  .passthrough();

/** The input of `Patient/$match`: a 400 naming the parameter (or the Patient's element) for anything amiss. */
export function parseMatchParameters(body: unknown): MatchInput {
  const params = requireParameters(body);
  for (const p of params.parameter ?? []) {
    if (!KNOWN.has(p.name)) throw badRequest(`Patient/$match has no parameter '${p.name}'`, where(p.name));
  }
  return {
    patient: patientParameter(params),
    count: countParameter(params),
    onlyCertainMatches: booleanParameter(params, 'onlyCertainMatches'),
  };
}

function single(params: Parameters, name: string): ParametersParameter | undefined {
  const found = (params.parameter ?? []).filter((p) => p.name === name);
  if (found.length > 1) throw badRequest(`The parameter '${name}' is given more than once`, where(name));
  return found[0];
}

function patientParameter(params: Parameters): Patient {
  const p = single(params, 'resource');
  if (p?.resource === undefined) throw badRequest("The parameter 'resource' is required: the Patient to look for", where('resource'));
  if (p.resource.resourceType !== 'Patient') {
    throw badRequest(`The parameter 'resource' must be a Patient, not ${JSON.stringify(p.resource.resourceType) ?? 'a resource without a type'}`, `${where('resource')}.resource`);
  }
  const parsed = patientToMatch.safeParse(p.resource);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const path = first.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('');
    throw badRequest(`The Patient in 'resource' is not valid: ${first.message}`, `${where('resource')}.resource${path}`);
  }
  return p.resource as Patient;
}

function countParameter(params: Parameters): number {
  const p = single(params, 'count');
  if (p === undefined) return DEFAULT_MATCH_COUNT;
  const value = p.valueInteger ?? p.valuePositiveInt;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw badRequest("The parameter 'count' must be a positive integer (valueInteger)", where('count'));
  }
  return Math.min(value, MAX_MATCH_COUNT);
}

function booleanParameter(params: Parameters, name: string): boolean {
  const p = single(params, name);
  if (p === undefined) return false;
  if (typeof p.valueBoolean !== 'boolean') throw badRequest(`The parameter '${name}' must be a boolean (valueBoolean)`, where(name));
  return p.valueBoolean;
}
