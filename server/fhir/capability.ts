import type { CapabilityStatement, CapabilityStatementRestResource } from '@medplum/fhirtypes';
import { listResourceTypes, listSearchParameters } from './definitions.js';
import type { Operation } from './operations/operation.js';

const version = '0.1.0';

/** What this server does, built from the same definitions and operation list the router uses. */
export function buildCapabilityStatement(operations: Operation[]): CapabilityStatement {
  const resource: CapabilityStatementRestResource[] = listResourceTypes().map((type: string) => ({
    // the typings list Medplum's own types too; ours come from the R4 definitions, so the cast is exact
    type: type as CapabilityStatementRestResource['type'],
    interaction: ['read', 'vread', 'update', 'patch', 'delete', 'history-instance', 'history-type', 'create', 'search-type'].map(
      (code) => ({ code: code as 'read' }),
    ),
    versioning: 'versioned-update',
    readHistory: true,
    updateCreate: true,
    conditionalCreate: true,
    conditionalRead: 'not-supported',
    conditionalUpdate: false,
    conditionalDelete: 'not-supported',
    referencePolicy: ['literal', 'local'],
    searchInclude: ['*'],
    searchRevInclude: ['*'],
    searchParam: [
      { name: '_id', type: 'token' },
      { name: '_lastUpdated', type: 'date' },
      ...listSearchParameters(type)
        .filter((p) => p.type !== 'composite' && p.type !== 'special')
        .map((p) => ({ name: p.code, type: p.type as 'string' })),
    ],
    operation: operations
      .filter((op) => op.appliesTo === '*' || op.appliesTo.includes(type))
      .map((op) => ({ name: op.definition.code, definition: op.definition.url ?? '' })),
  }));
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: new Date().toISOString(),
    publisher: 'Hiwa',
    kind: 'instance',
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
          cors: true,
          service: [
            {
              coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' }],
              text: 'Bearer tokens: staff log in at /auth/login; systems use SMART Backend Services (/.well-known/smart-configuration)',
            },
          ],
        },
        resource,
        interaction: [{ code: 'transaction' }, { code: 'batch' }, { code: 'history-system' }],
        operation: operations
          .filter((op) => op.definition.system)
          .map((op) => ({ name: op.definition.code, definition: op.definition.url ?? '' })),
      },
    ],
  };
}
