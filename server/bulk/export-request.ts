import type { Parameters } from '@medplum/fhirtypes';
import { isResourceType } from '../fhir/definitions.js';
import { badRequest } from '../fhir/outcomes.js';
import { parseSearch } from '../fhir/search/parse.js';

/**
 * The kick-off parameters of a Bulk Data export (Bulk Data IG v2, export.html#query-parameters), parsed and
 * checked. Pure: which types the caller may have, and which patients a Group holds, are decided elsewhere.
 */

export type ExportLevel = 'system' | 'patient' | 'group';

export interface ExportRequest {
  level: ExportLevel;
  /** `_type`: the types asked for; absent = every type the caller may have at this level */
  types?: string[];
  /** `_since`: only resources changed after this instant (ISO 8601) */
  since?: string;
  /** `_typeFilter`: per type, search queries whose results are exported (a resource matching any of them) */
  typeFilters: { type: string; query: string }[];
  /** `patient` (POST): only these patients' compartments */
  patients?: string[];
  /** `_elements`: the root elements kept (`Type.element`, or `element` for every type); mandatory ones stay too */
  elements?: string[];
}

/** The formats the IG names for NDJSON; Hiwa writes FHIR NDJSON whichever of them is asked for. */
export const OUTPUT_FORMATS = ['application/fhir+ndjson', 'application/ndjson', 'ndjson'];

/** Parameters the IG defines that Hiwa does not (yet) honour: refused, or ignored under `Prefer: handling=lenient`. */
const unsupported = new Set(['organizeOutputBy', 'allowPartialManifests', '_until']);

/**
 * The `includeAssociatedData` values the IG defines (ValueSet include-associated-data). Hiwa does not pick
 * the Provenance of exported resources, so it honours none of them: each is refused (pointing to
 * `_type=Provenance`, which exports the Provenance stored), or left out under lenient handling.
 */
const associatedData = new Set(['LatestProvenanceResources', 'RelevantProvenanceResources']);

export interface ParsedExport {
  request: ExportRequest;
  /** what was left out under lenient handling and why: the manifest's error file says so to the client */
  ignored: { parameter: string; message: string }[];
}

/**
 * Parses the kick-off parameters: the query of a GET, or a POST's Parameters turned into name/value pairs
 * (see `exportParameterPairs`). A parameter that is unknown, unsupported or malformed is a 400 naming it,
 * unless the client asked for lenient handling, which leaves it out.
 */
export function parseExportRequest(level: ExportLevel, pairs: [string, string][], options: { lenient: boolean; now: Date }): ParsedExport {
  const request: ExportRequest = { level, typeFilters: [] };
  const ignored: ParsedExport['ignored'] = [];
  const refuse = (name: string, message: string): void => {
    if (!options.lenient) throw badRequest(message, name);
    ignored.push({ parameter: name, message: `${message}; left out (Prefer: handling=lenient)` });
  };
  for (const [name, value] of pairs) {
    switch (name) {
      case '_outputFormat':
        if (!OUTPUT_FORMATS.includes(value)) refuse(name, `_outputFormat must be one of ${OUTPUT_FORMATS.join(', ')}`);
        break;
      case '_type':
        for (const type of splitList(value)) {
          if (isResourceType(type)) request.types = [...new Set([...(request.types ?? []), type])];
          else refuse(name, `_type names an unknown resource type: ${type}`);
        }
        break;
      case '_since': {
        const since = parseInstant(value);
        if (since === undefined) refuse(name, `_since must be an instant with a time zone, e.g. 2026-01-31T08:00:00Z`);
        // Not left out under lenient handling: exporting everything would answer a different question.
        else if (since > options.now.toISOString()) throw badRequest(`_since ${value} is in the future`, name);
        else request.since = since;
        break;
      }
      case '_elements':
        for (const element of splitList(value)) {
          const problem = elementProblem(element);
          if (problem) refuse(name, problem);
          else request.elements = [...new Set([...(request.elements ?? []), element])];
        }
        break;
      case 'includeAssociatedData':
        for (const code of splitList(value)) {
          refuse(
            name,
            associatedData.has(code)
              ? `includeAssociatedData=${code} is not supported by this server; _type=Provenance exports the Provenance it holds`
              : `includeAssociatedData=${code} is not a value this server knows (${[...associatedData].join(', ')})`,
          );
        }
        break;
      case '_typeFilter':
        for (const filter of splitList(value)) {
          const parsed = parseTypeFilter(filter, options.lenient);
          if (typeof parsed === 'string') refuse(name, parsed);
          else request.typeFilters.push(parsed);
        }
        break;
      case 'patient':
        if (level === 'system') refuse(name, 'patient is a parameter of Patient/$export and Group/[id]/$export');
        else request.patients = [...new Set([...(request.patients ?? []), patientId(value)])];
        break;
      case '_format':
        break; // the response format, settled by content negotiation
      default:
        refuse(name, unsupported.has(name) ? `${name} is not supported by this server` : `Unknown parameter ${name}`);
    }
  }
  return { request, ignored };
}

/** A POST's Parameters as name/value pairs, the same as a GET's query (`patient` as its reference). */
export function exportParameterPairs(body: Parameters): [string, string][] {
  return (body.parameter ?? []).map((p): [string, string] => {
    const value =
      p.valueString ?? p.valueCode ?? p.valueInstant ?? p.valueDateTime ?? p.valueUri ?? p.valueReference?.reference ?? undefined;
    if (value === undefined) throw badRequest(`The parameter '${p.name}' has no value of a type this operation reads`, `Parameters.parameter.where(name='${p.name}')`);
    return [p.name ?? '', value];
  });
}

/**
 * Why an `_elements` entry cannot be honoured, or undefined when it can: the IG allows root elements only,
 * as `Type.element` or `element`.
 */
function elementProblem(element: string): string | undefined {
  const m = /^(?:([A-Za-z]+)\.)?([a-z][A-Za-z0-9]*)$/.exec(element);
  if (!m) return `_elements takes root elements, as Type.element or element, not ${element}`;
  if (m[1] !== undefined && !isResourceType(m[1])) return `_elements names an unknown resource type: ${m[1]}`;
  return undefined;
}

/** The `_elements` entries that apply to one type (unqualified ones apply to all); undefined = keep the whole resource. */
export function elementsFor(type: string, elements: readonly string[] | undefined): string[] | undefined {
  const names = (elements ?? []).flatMap((e) => {
    const [qualifier, name] = e.includes('.') ? e.split('.') : [undefined, e];
    return qualifier === undefined || qualifier === type ? [name] : [];
  });
  return names.length > 0 ? names : undefined;
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** An instant (date, time and zone) as ISO 8601 UTC; undefined when it is not one. */
export function parseInstant(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** `Type?query` with a query the search parser accepts; a message when it is not one. */
function parseTypeFilter(filter: string, lenient: boolean): { type: string; query: string } | string {
  const [type, query = ''] = filter.split(/\?(.*)/s, 2);
  if (!isResourceType(type)) return `_typeFilter names an unknown resource type: ${type}`;
  try {
    const search = parseSearch(type, [...new URLSearchParams(query)], { lenient });
    if (search.filters.length === 0) return `_typeFilter ${filter} has no search parameter that filters`;
  } catch (err) {
    return `_typeFilter ${filter}: ${err instanceof Error ? err.message : String(err)}`;
  }
  return { type, query };
}

function patientId(reference: string): string {
  const m = /^(?:Patient\/)?([A-Za-z0-9\-.]{1,64})$/.exec(reference);
  if (!m) throw badRequest(`patient must reference a Patient, e.g. Patient/123`, 'patient');
  return m[1];
}
