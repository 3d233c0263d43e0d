import type { CapabilityStatement, CapabilityStatementRestResource } from '@medplum/fhirtypes';
import { writtenByServerOnly } from '../auth/policy.js';
import { listResourceTypes, listSearchParameters, type SearchParamDef } from './definitions.js';
import type { Operation } from './operations/operation.js';

const version = '0.1.0';

export interface CapabilityOptions {
  /** whether browsers of other origins may call the API (CORS_ORIGINS is set) */
  cors: boolean;
}

/** The SMART extension naming the OAuth endpoints (SMART App Launch 1.0, conformance "oauth-uris"). */
const OAUTH_URIS = 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris';

/**
 * The token endpoint as seen from a FHIR base: the OAuth routes sit at the origin (or PUBLIC_URL) that
 * the FHIR base `/fhir/R4` hangs from.
 */
export function tokenEndpointFor(fhirBase: string): string {
  return new URL('../../oauth2/token', `${fhirBase.replace(/\/$/, '')}/`).href;
}

type Interaction = NonNullable<CapabilityStatementRestResource['interaction']>[number]['code'];
const READS: Interaction[] = ['read', 'vread', 'history-instance', 'history-type', 'search-type'];
const WRITES: Interaction[] = ['create', 'update', 'patch', 'delete'];

/**
 * What this server does, built from the same definitions and operation list the router uses, and only
 * what is true: types the server alone writes (the audit trail) list no write interaction, includes are
 * the reference parameters that exist, and no element is an empty array.
 */
export function buildCapabilityStatement(operations: Operation[], options: CapabilityOptions & { tokenEndpoint: string }): CapabilityStatement {
  const types = listResourceTypes();
  const referenceParams = new Map(types.map((type) => [type, listSearchParameters(type).filter((p) => p.type === 'reference')]));
  const revIncludes = revIncludesByTarget(referenceParams);
  const resource = types.map((type) =>
    resourceEntry(type, {
      includes: (referenceParams.get(type) ?? []).map((p) => `${type}:${p.code}`),
      revIncludes: revIncludes.get(type) ?? [],
      operations: operations.filter((op) => op.appliesTo === '*' || op.appliesTo.includes(type)),
    }),
  );
  const systemOperations = operations.filter((op) => op.definition.system);
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: new Date().toISOString(),
    publisher: 'Hiwa',
    kind: 'instance',
    // Bulk Data Access: $export at system, Patient and Group level (see the operations below).
    instantiates: ['http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data'],
    software: { name: 'Hiwa', version },
    implementation: { description: 'Hiwa MHPSS case management FHIR R4 server' },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    patchFormat: ['application/json-patch+json'],
    rest: [
      {
        mode: 'server',
        // Who may see what is decided per caller (README, "Who may see what"); this says how to become one.
        security: {
          // SMART discovery from the CapabilityStatement, as Bulk Data clients look for it
          extension: [{ url: OAUTH_URIS, extension: [{ url: 'token', valueUri: options.tokenEndpoint }] }],
          cors: options.cors,
          service: [
            {
              coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' }],
              text: 'Bearer tokens: staff log in at /auth/login; systems use SMART Backend Services (/.well-known/smart-configuration)',
            },
          ],
        },
        resource,
        interaction: [{ code: 'transaction' }, { code: 'batch' }, { code: 'history-system' }],
        ...nonEmpty('operation', systemOperations.map(operationEntry)),
      },
    ],
  };
}

function resourceEntry(
  type: string,
  related: { includes: string[]; revIncludes: string[]; operations: Operation[] },
): CapabilityStatementRestResource {
  const writable = !writtenByServerOnly(type);
  return {
    // the typings list Medplum's own types too; ours come from the R4 definitions, so the cast is exact
    type: type as CapabilityStatementRestResource['type'],
    interaction: [...READS, ...(writable ? WRITES : [])].map((code) => ({ code })),
    versioning: 'versioned-update',
    readHistory: true,
    updateCreate: writable,
    conditionalCreate: writable,
    conditionalRead: 'not-supported',
    conditionalUpdate: false,
    conditionalDelete: 'not-supported',
    referencePolicy: ['literal', 'local'],
    // `Type:*` (every reference parameter) works as well as each one by name
    ...nonEmpty('searchInclude', related.includes.length > 0 ? [...related.includes, `${type}:*`] : []),
    ...nonEmpty('searchRevInclude', related.revIncludes),
    searchParam: [
      { name: '_id', type: 'token' },
      { name: '_lastUpdated', type: 'date' },
      ...listSearchParameters(type)
        .filter((p) => p.type !== 'composite' && p.type !== 'special')
        .map((p) => ({
          name: p.code,
          // the cast narrows the union of FHIR's parameter types to what the field's typing names
          type: p.type as 'string',
          // Hiwa's own parameters say where they are defined and what they mean; FHIR's are known by their
          // names, and naming their definitions too would make the statement a third larger
          ...(p.documentation === undefined ? {} : { definition: p.url, documentation: p.documentation }),
        })),
    ],
    ...nonEmpty('operation', related.operations.map(operationEntry)),
  };
}

/** For each type, the `Source:param` whose references may point at it. */
function revIncludesByTarget(referenceParams: ReadonlyMap<string, readonly SearchParamDef[]>): Map<string, string[]> {
  const byTarget = new Map<string, string[]>();
  for (const [source, params] of referenceParams) {
    for (const param of params) {
      for (const target of param.targets) byTarget.set(target, [...(byTarget.get(target) ?? []), `${source}:${param.code}`]);
    }
  }
  return byTarget;
}

function operationEntry(op: Operation): { name: string; definition: string } {
  return { name: op.definition.code, definition: op.definition.url ?? '' };
}

/** `{ [key]: list }`, or nothing at all when the list is empty: FHIR JSON has no empty arrays. */
function nonEmpty<K extends string, T>(key: K, list: T[]): Partial<Record<K, T[]>> {
  return list.length > 0 ? ({ [key]: list } as Record<K, T[]>) : {};
}
