import { categoryOf, mayDo } from '../../auth/policy.js';
import { parseInstant } from '../../bulk/export-request.js';
import type { ExportCursor, RecordPage } from '../../store/export-reads.js';
import type { Repository } from '../../store/repository.js';
import { inPatientCompartment, isResourceType, listResourceTypes } from '../definitions.js';
import { searchEntry, searchsetBody } from '../interactions/searchset.js';
import { badRequest } from '../outcomes.js';
import { MAX_COUNT } from '../search/parse.js';
import type { FhirRequest, FhirResponse } from '../types.js';
import type { Operation } from './operation.js';

const DEFAULT_COUNT = 100;

/**
 * `Patient/[id]/$everything` (R4 patient-operation-everything): the patient and every resource of their
 * compartment the caller may see — the access rule of a search, PSY labels included — in pages of `_count`,
 * optionally only types named in `_type` and resources changed since `_since`. A patient the caller may not
 * see is a 404, as for a read. Each page is audited with the patient.
 */
export const everythingOperation: Operation = {
  appliesTo: ['Patient'],
  definition: {
    resourceType: 'OperationDefinition',
    id: 'Patient-everything',
    url: 'http://hl7.org/fhir/OperationDefinition/Patient-everything',
    name: 'PatientEverything',
    status: 'active',
    kind: 'operation',
    code: 'everything',
    system: false,
    type: false,
    instance: true,
    resource: ['Patient'],
    parameter: [
      { name: '_since', use: 'in', min: 0, max: '1', type: 'instant' },
      { name: '_type', use: 'in', min: 0, max: '*', type: 'code' },
      { name: '_count', use: 'in', min: 0, max: '1', type: 'integer' },
      { name: 'return', use: 'out', min: 1, max: '1', type: 'Bundle' },
    ],
  },
  async handler(repo, req, target) {
    if (req.method !== 'GET') throw badRequest('$everything is invoked with GET');
    const options = parseOptions(req);
    const patientId = target.id as string;
    await repo.read('Patient', patientId); // 404 when the caller may not see this patient
    const types = compartmentTypes(repo, options.types);
    const query = new URLSearchParams(req.query).toString();
    const page: RecordPage =
      types.length === 0
        ? { rows: [] } // only types the caller may not read were asked for
        : await repo.recordPage(
            { types, since: options.since, patients: [patientId], after: options.after, limit: options.count },
            { subtype: 'operation', query: `Patient/${patientId}/$everything${query ? `?${query}` : ''}` },
          );
    const self = `${req.baseUrl}/Patient/${patientId}/$everything`;
    const link = (relation: string, after?: ExportCursor) => {
      const kept = req.query.filter(([k]) => k !== '_cursor');
      if (after) kept.push(['_cursor', Buffer.from(JSON.stringify([after.lastUpdated, after.resourceType, after.id])).toString('base64url')]);
      const q = new URLSearchParams(kept).toString();
      return { relation, url: `${self}${q ? `?${q}` : ''}` };
    };
    const links = [link('self', options.after)];
    if (page.next) links.push(link('next', page.next));
    const entries = page.rows.map((row) => searchEntry(req.baseUrl, row, 'match'));
    const total = options.after === undefined && !page.next ? page.rows.length : undefined;
    return { status: 200, body: searchsetBody({ total, links, entries }) };
  },
};

interface EverythingOptions {
  types?: string[];
  since?: string;
  count: number;
  after?: ExportCursor;
}

function parseOptions(req: FhirRequest): EverythingOptions {
  const options: EverythingOptions = { count: DEFAULT_COUNT };
  for (const [name, value] of req.query) {
    switch (name) {
      case '_type':
        for (const type of value.split(',').map((t) => t.trim()).filter(Boolean)) {
          if (!isResourceType(type)) throw badRequest(`_type names an unknown resource type: ${type}`, '_type');
          options.types = [...(options.types ?? []), type];
        }
        break;
      case '_since':
        options.since = parseInstant(value);
        if (options.since === undefined) throw badRequest('_since must be an instant with a time zone, e.g. 2026-01-31T08:00:00Z', '_since');
        break;
      case '_count':
        if (!/^\d{1,5}$/.test(value) || Number(value) < 1) throw badRequest('_count must be a whole number from 1', '_count');
        options.count = Math.min(Number(value), MAX_COUNT);
        break;
      case '_cursor':
        options.after = decodeAfter(value);
        break;
      case '_format':
        break; // settled by content negotiation
      default:
        if (req.prefer.handling !== 'lenient') throw badRequest(`Unknown or unsupported parameter ${name}`, name);
    }
  }
  return options;
}

function decodeAfter(value: string): ExportCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 3) {
      const [lastUpdated, resourceType, id] = parsed.map(String);
      if (!Number.isNaN(Date.parse(lastUpdated)) && isResourceType(resourceType) && /^[A-Za-z0-9\-.]{1,64}$/.test(id)) {
        return { lastUpdated: new Date(lastUpdated).toISOString(), resourceType, id };
      }
    }
  } catch {
    // fall through: not a page link this server wrote
  }
  throw badRequest('_cursor is not a page link this server wrote', '_cursor');
}

/**
 * The clinical types of a patient's compartment the caller may search, or those named in `_type`. The
 * audit trail about the patient is in the compartment too, but it is not their record: only when named.
 */
function compartmentTypes(repo: Repository, asked: string[] | undefined): string[] {
  const types = asked ?? listResourceTypes().filter((type) => categoryOf(type) === 'clinical');
  return types.filter((type) => inPatientCompartment(type) && mayDo(repo.caller, type, 'search'));
}
