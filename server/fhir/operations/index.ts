import type { Operation } from './operation.js';
import { validateOperation } from './validate.js';

/** Every operation Hiwa serves. The CapabilityStatement is built from this list. */
export const operations: Operation[] = [validateOperation];

export function findOperation(code: string): Operation | undefined {
  return operations.find((op) => op.definition.code === code);
}
