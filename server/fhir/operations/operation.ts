import type { OperationDefinition } from '@medplum/fhirtypes';
import type { Repository } from '../../store/repository.js';
import type { FhirRequest, FhirResponse } from '../types.js';

/** Where an operation is invoked: `[base]/$op`, `[base]/Type/$op` or `[base]/Type/id/$op`. */
export interface OperationTarget {
  resourceType?: string;
  id?: string;
}

/**
 * A FHIR operation: its contract as data (the OperationDefinition, which also feeds the CapabilityStatement)
 * and a handler. Each operation lives in its own module and is listed once in `operations/index.ts`.
 */
export interface Operation {
  definition: OperationDefinition & { code: string };
  /** resource types it is invoked on; '*' for every type (R4's `Resource`, which the typings do not allow) */
  appliesTo: '*' | string[];
  /** answers `_format=csv` / `Accept: text/csv` with a table (every other route refuses CSV with 406) */
  producesCsv?: boolean;
  handler(repo: Repository, req: FhirRequest, target: OperationTarget): Promise<FhirResponse>;
}
