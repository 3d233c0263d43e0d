import type { Parameters } from '@medplum/fhirtypes';
import { z } from 'zod';
import type { ReportPeriod } from '../../reports/report-facts.js';
import { badRequest } from '../outcomes.js';
import type { FhirRequest } from '../types.js';

export interface EvaluateMeasureInput {
  period: { start: string; end: string };
  range: ReportPeriod;
  subject?: { type: 'Organization' | 'Location'; id: string };
}

const fhirDate = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'a FHIR date: YYYY, YYYY-MM or YYYY-MM-DD');
const subject = z.string().regex(/^(Organization|Location)\/[A-Za-z0-9\-.]{1,64}$/, 'Organization/{id} or Location/{id}');
const known = new Set(['periodStart', 'periodEnd', 'subject', 'reportType', '_format']);

/**
 * `periodStart` and `periodEnd` (FHIR dates, both days included, in UTC), `subject` (an Organization or a
 * Location) and `reportType` (`summary` only), from the query or, on POST, a Parameters body. Anything
 * else, or a value of the wrong shape, is a 400 naming it.
 */
export function parseEvaluateMeasure(req: FhirRequest): EvaluateMeasureInput {
  const values = new Map<string, string>();
  for (const [name, value] of [...req.query, ...bodyParameters(req.body)]) {
    if (!known.has(name)) throw badRequest(`Unknown parameter '${name}' of $evaluate-measure`, name);
    if (values.has(name)) throw badRequest(`The parameter '${name}' is given twice`, name);
    values.set(name, value);
  }
  const field = <T>(name: string, schema: z.ZodType<T>): T | undefined => {
    const value = values.get(name);
    if (value === undefined) return undefined;
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw badRequest(`The parameter '${name}' must be ${parsed.error.issues[0]?.message ?? 'valid'}`, name);
    return parsed.data;
  };
  const start = field('periodStart', fhirDate);
  const end = field('periodEnd', fhirDate);
  if (start === undefined) throw badRequest("The parameter 'periodStart' is required", 'periodStart');
  if (end === undefined) throw badRequest("The parameter 'periodEnd' is required", 'periodEnd');
  const range = { start: firstInstant(start), end: instantAfter(end) };
  if (range.start >= range.end) throw badRequest('periodEnd is before periodStart', 'periodEnd');
  if ((field('reportType', z.string()) ?? 'summary') !== 'summary') throw badRequest("Only reportType 'summary' is supported", 'reportType');
  const asked = field('subject', subject);
  const [type, id] = asked?.split('/') ?? [];
  return { period: { start, end }, range, ...(asked === undefined ? {} : { subject: { type: type as 'Organization' | 'Location', id } }) };
}

function bodyParameters(body: unknown): [string, string][] {
  if (body === undefined) return [];
  const params = body as Parameters;
  if (typeof body !== 'object' || body === null || params.resourceType !== 'Parameters') throw badRequest('$evaluate-measure takes a Parameters resource', 'resourceType');
  return (params.parameter ?? []).map((p) => [p.name ?? '', p.valueDate ?? p.valueString ?? p.valueCode ?? p.valueReference?.reference ?? '']);
}

/** The first instant of a FHIR date (UTC). */
function firstInstant(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, (m ?? 1) - 1, d ?? 1)).toISOString();
}

/** The first instant after a FHIR date: the exclusive end of a period whose last day is `date`. */
function instantAfter(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  if (m === undefined) return new Date(Date.UTC(y + 1, 0, 1)).toISOString();
  if (d === undefined) return new Date(Date.UTC(y, m, 1)).toISOString();
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString();
}
