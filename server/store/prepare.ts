import type { Patient, Resource } from '@medplum/fhirtypes';
import { getPatientCompartmentParams } from '../fhir/definitions.js';
import { badRequest, unprocessable } from '../fhir/outcomes.js';
import { extractIndexRows } from '../fhir/search/extract.js';
import { validateFhirResource } from '../fhir/validation/validate.js';
import { beneficiaryFactsOf } from '../reports/beneficiary-facts.js';
import type { VersionWrite } from './resource-writes.js';

export interface PreparedVersion {
  resource: Resource;
  content: string;
  write: VersionWrite;
}

const idPattern = /^[A-Za-z0-9\-.]{1,64}$/;

/**
 * Turns a resource a client sent into the version the server stores: the server's id and meta, validated,
 * indexed, and with the access columns (patient compartment, security labels) worked out.
 * An invalid id is a 400; a resource that breaks the rules of FHIR or of a profile it claims is a 422.
 */
export interface PrepareOptions {
  /** the organisation the row belongs to for access rules (a Patient's is its managingOrganization) */
  organizationId?: string | null;
  /** resources the server built itself (AuditEvents) skip validation, which is the costly step */
  trusted?: boolean;
}

export function prepareContent(
  input: Resource,
  id: string,
  versionId: number,
  lastUpdated: string,
  options: PrepareOptions = {},
): PreparedVersion {
  if (!idPattern.test(id)) throw badRequest(`Invalid id '${id}'`, `${input.resourceType}.id`);
  const { versionId: _v, lastUpdated: _l, ...keptMeta } = input.meta ?? {};
  const resource = {
    ...input,
    id,
    meta: { ...keptMeta, versionId: String(versionId), lastUpdated },
  } as Resource;
  if (!options.trusted) {
    const issues = validateFhirResource(resource);
    if (issues.length > 0) throw unprocessable(issues);
  }

  const stored = orderForReading(resource);
  const content = JSON.stringify(stored);
  const index = extractIndexRows(resource);
  const compartmentParams = new Set(getPatientCompartmentParams(resource.resourceType));
  const patientIds = new Set<string>();
  if (resource.resourceType === 'Patient') {
    // A Patient is only their own: FHIR puts a linked patient (Patient.link) in the same compartment, but
    // access follows patient_ids, and a link to someone the caller reaches must not open this person.
    patientIds.add(id);
  } else {
    for (const ref of index.reference) {
      if (ref.targetType === 'Patient' && ref.targetId && compartmentParams.has(ref.param)) patientIds.add(ref.targetId);
    }
  }
  return {
    resource: stored,
    content,
    write: {
      resourceType: resource.resourceType,
      id,
      versionId,
      lastUpdated,
      deleted: false,
      content,
      index,
      patientIds: [...patientIds],
      organizationId: options.organizationId ?? null,
      security: (resource.meta?.security ?? []).map((c) => c.code).filter((c): c is string => !!c),
      ...(resource.resourceType === 'Patient' ? { beneficiary: beneficiaryFactsOf(resource as Patient) } : {}),
    },
  };
}

/** resourceType, id and meta first, as people expect to read a resource; the rest in the client's order. */
function orderForReading(resource: Resource): Resource {
  const { resourceType, id, meta, ...rest } = resource;
  return { resourceType, id, meta, ...rest } as Resource;
}
