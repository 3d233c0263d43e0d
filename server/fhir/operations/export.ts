import { randomUUID } from 'node:crypto';
import type { Group, OperationDefinition } from '@medplum/fhirtypes';
import { categoryOf, mayDo } from '../../auth/policy.js';
import type { StaffPrincipal, SystemPrincipal } from '../../auth/principal.js';
import { EXPORT_JOB, exportOwner, type ExportPayload } from '../../bulk/export-job.js';
import { exportParameterPairs, parseExportRequest, type ExportLevel, type ExportRequest } from '../../bulk/export-request.js';
import { countUnfinishedJobs, enqueueJob } from '../../store/job-queue.js';
import type { Repository } from '../../store/repository.js';
import { inPatientCompartment, listResourceTypes } from '../definitions.js';
import { badRequest, forbidden, tooManyRequests } from '../outcomes.js';
import type { FhirRequest, FhirResponse } from '../types.js';
import type { Operation, OperationTarget } from './operation.js';
import { requireParameters } from './parameters.js';

/** Where a client polls an export (and sends DELETE to cancel it), under the FHIR base. */
export const EXPORT_STATUS_PATH = 'bulk-status';

const BULK = 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition';

const parameters: OperationDefinition['parameter'] = [
  { name: '_outputFormat', use: 'in', min: 0, max: '1', type: 'string' },
  { name: '_since', use: 'in', min: 0, max: '1', type: 'instant' },
  { name: '_type', use: 'in', min: 0, max: '*', type: 'string' },
  { name: '_typeFilter', use: 'in', min: 0, max: '*', type: 'string' },
  { name: '_elements', use: 'in', min: 0, max: '*', type: 'string' },
];
const patientParameter = { name: 'patient', use: 'in' as const, min: 0, max: '*', type: 'Reference' as const };

function definition(level: ExportLevel): Operation['definition'] {
  const [id, name] = { system: ['export', 'BulkDataExport'], patient: ['patient-export', 'PatientLevelExport'], group: ['group-export', 'GroupLevelExport'] }[level];
  return {
    resourceType: 'OperationDefinition',
    id,
    url: `${BULK}/${id}`,
    name,
    status: 'active',
    kind: 'operation',
    code: 'export',
    system: level === 'system',
    type: level === 'patient',
    instance: level === 'group',
    ...(level === 'system' ? {} : { resource: [level === 'patient' ? 'Patient' : 'Group'] }),
    parameter: level === 'system' ? parameters : [...(parameters ?? []), patientParameter],
  };
}

/**
 * The three kick-off operations of the Bulk Data IG (export.html): `$export`, `Patient/$export` and
 * `Group/[id]/$export`. Each checks what it is asked, decides the types and patients the export covers, and
 * queues a job that reads as the caller, under their access rule; `onQueued` wakes this process's worker.
 */
export interface ExportLimits {
  /** exports one client may have queued or running at once */
  perClient: number;
}

/** How long a client refused for having too many exports under way is asked to wait: about one export's length. */
const BUSY_RETRY_AFTER_SECONDS = 60;

export function exportOperations(onQueued: () => void, limits: ExportLimits): Operation[] {
  const make = (level: ExportLevel, appliesTo: string[]): Operation => ({
    appliesTo,
    definition: definition(level),
    handler: (repo, req, target) => kickOff(repo, req, target, level, onQueued, limits),
  });
  return [make('system', []), make('patient', ['Patient']), make('group', ['Group'])];
}

async function kickOff(
  repo: Repository,
  req: FhirRequest,
  target: OperationTarget,
  level: ExportLevel,
  onQueued: () => void,
  limits: ExportLimits,
): Promise<FhirResponse> {
  const caller = repo.caller;
  if (caller.kind === 'internal') throw forbidden('Exports are made for an account or a system client');
  if (!req.prefer.respondAsync) throw badRequest('A bulk export needs the header Prefer: respond-async', 'Prefer');
  // The IG lets a server refuse a kick-off without Accept (export.html#headers); saying so beats guessing.
  if (!req.accept) throw badRequest('A bulk export needs the header Accept: application/fhir+json', 'Accept');
  if (req.method !== 'GET' && req.method !== 'POST') throw badRequest('$export is invoked with GET or POST');
  const pairs = [...req.query, ...(req.method === 'POST' && req.body !== undefined ? exportParameterPairs(requireParameters(req.body)) : [])];
  const lenient = req.prefer.handling === 'lenient';
  const { request, ignored } = parseExportRequest(level, pairs, { lenient, now: new Date() });

  const query = new URLSearchParams(req.query).toString();
  const requestUrl = `${req.baseUrl}/${req.path.join('/')}${query ? `?${query}` : ''}`;
  const payload: ExportPayload = {
    requestUrl,
    principal: caller,
    types: exportTypes(caller, request, lenient),
    ...(request.since ? { since: request.since } : {}),
    typeFilters: request.typeFilters,
    ...(request.elements ? { elements: request.elements } : {}),
    ...(ignored.length > 0 ? { ignored } : {}),
    ...(await exportPatients(repo, request, target)),
  };
  const id = randomUUID();
  const owner = exportOwner(caller);
  await repo.transaction(async (tx) => {
    // One client's kick-offs take turns, in every API process, so that none slips past the count of another.
    await tx.serialiseOn([`export-kick-off:${owner}`]);
    await tx.auditedAccess({ subtype: 'operation', action: 'E', query: requestUrl }, async (db) => {
      const underWay = await countUnfinishedJobs(db, EXPORT_JOB, owner);
      if (underWay >= limits.perClient) {
        throw tooManyRequests(
          `You have ${underWay} export${underWay === 1 ? '' : 's'} queued or running, the most one client may have; wait for one to complete, or cancel one (DELETE on its status URL)`,
          BUSY_RETRY_AFTER_SECONDS,
        );
      }
      await enqueueJob(db, { id, kind: EXPORT_JOB, owner, payload });
    });
  });
  onQueued();
  return { status: 202, headers: { 'Content-Location': `${req.baseUrl}/${EXPORT_STATUS_PATH}/${id}` } };
}

/**
 * The types exported: those asked for, each of which the caller must be allowed to search (403 otherwise,
 * or left out under lenient handling); or, when none are named, every clinical and directory type the
 * caller may search (at Patient and Group level, the types of a patient's compartment). The audit trail,
 * reports and the server's definitions are exported only when named.
 */
function exportTypes(caller: StaffPrincipal | SystemPrincipal, request: ExportRequest, lenient: boolean): string[] {
  if (request.types) {
    const allowed = request.types.filter((type) => mayDo(caller, type, 'search'));
    const refused = request.types.find((type) => !allowed.includes(type));
    if (refused && !lenient) throw forbidden(`You may not export ${refused} resources`);
    if (allowed.length === 0) throw forbidden('You may export none of the types asked for');
    return allowed;
  }
  const types = listResourceTypes().filter(
    (type) =>
      mayDo(caller, type, 'search') &&
      (request.level === 'system' ? ['clinical', 'directory'].includes(categoryOf(type)) : categoryOf(type) === 'clinical' && inPatientCompartment(type)),
  );
  if (types.length === 0) throw forbidden('Your access includes no resource type to export');
  return types;
}

/** Whose records: any patient's (system level), every patient's compartment, or a list (`patient`, a Group's members). */
async function exportPatients(repo: Repository, request: ExportRequest, target: OperationTarget): Promise<Pick<ExportPayload, 'patients'>> {
  if (request.level === 'system') return {};
  if (request.level === 'patient') return { patients: request.patients ?? 'compartment' };
  // The Group is read as the caller: one they may not see is a 404, as for a read.
  const group = (await repo.read('Group', target.id as string)).resource as Group;
  const members = (group.member ?? [])
    .map((m) => /^Patient\/([A-Za-z0-9\-.]{1,64})$/.exec(m.entity.reference ?? '')?.[1])
    .filter((id): id is string => id !== undefined);
  const asked = request.patients;
  return { patients: asked ? members.filter((id) => asked.includes(id)) : members };
}
