import type { z } from 'zod';
import { FhirError, issue, outcome } from '../fhir/outcomes.js';

/**
 * Checks input against its schema; a mismatch is a 400 OperationOutcome with one issue per problem, each
 * naming its field in `expression`, so a form can show it next to that field.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => issue('invalid', i.message, i.path.length > 0 ? i.path.join('.') : undefined));
  throw new FhirError(400, outcome(...issues));
}
