import type { Parameters, ParametersParameter } from '@medplum/fhirtypes';
import { badRequest } from '../outcomes.js';

/** The input Parameters of an operation, or a 400 when the body is something else. */
export function requireParameters(body: unknown): Parameters {
  if (!body || typeof body !== 'object' || (body as Parameters).resourceType !== 'Parameters') {
    throw badRequest('This operation takes a Parameters resource', 'resourceType');
  }
  return body as Parameters;
}

function find(params: Parameters, name: string): ParametersParameter | undefined {
  return params.parameter?.find((p) => p.name === name);
}

export function stringParam(params: Parameters, name: string, options: { required: true; max?: number }): string;
export function stringParam(params: Parameters, name: string, options?: { required?: false; max?: number }): string | undefined;
export function stringParam(params: Parameters, name: string, options: { required?: boolean; max?: number } = {}) {
  const p = find(params, name);
  const value = p?.valueString ?? p?.valueCode;
  const where = `Parameters.parameter.where(name='${name}')`;
  if (value === undefined || value.trim() === '') {
    if (options.required) throw badRequest(`The parameter '${name}' is required`, where);
    return undefined;
  }
  if (options.max !== undefined && value.length > options.max) {
    throw badRequest(`The parameter '${name}' is longer than ${options.max} characters`, where);
  }
  return value.trim();
}

export function referenceParam(params: Parameters, name: string, type: string): string | undefined {
  const ref = find(params, name)?.valueReference?.reference;
  if (ref === undefined) return undefined;
  const m = new RegExp(`^${type}/([A-Za-z0-9\\-.]{1,64})$`).exec(ref);
  if (!m) throw badRequest(`The parameter '${name}' must reference a ${type}`, `Parameters.parameter.where(name='${name}')`);
  return m[1];
}

export function dateTimeParam(params: Parameters, name: string): Date | undefined {
  const p = find(params, name);
  const value = p?.valueDateTime ?? p?.valueInstant ?? p?.valueDate;
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw badRequest(`The parameter '${name}' is not a valid date`, `Parameters.parameter.where(name='${name}')`);
  }
  return date;
}
