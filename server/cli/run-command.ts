import { z } from 'zod';
import { LargeSeedRefused } from '../../seed/large/seed-large.js';
import { FhirError } from '../fhir/outcomes.js';
import { BackupError } from '../store/backup-file.js';
import { EmbeddedDatabaseLockedError } from '../store/embedded-lock.js';

/**
 * What to tell the operator about an error they can act on (a refused input, a database in use, a backup
 * that cannot go ahead), one line each; undefined for a fault, which keeps its stack.
 */
function operatorMessages(err: unknown): string[] | undefined {
  if (err instanceof FhirError) return (err.outcome.issue ?? []).map((i) => `${i.diagnostics}${i.expression ? ` (${i.expression.join(', ')})` : ''}`);
  if (err instanceof z.ZodError) return err.issues.map((i) => i.message);
  if (err instanceof EmbeddedDatabaseLockedError || err instanceof BackupError || err instanceof LargeSeedRefused) return [err.message];
  return undefined;
}

/** Writes the operator's messages to standard error and gives the exit status: 1, or throws a fault on. */
export function reportOperatorError(err: unknown): number {
  const messages = operatorMessages(err);
  if (!messages) throw err;
  for (const message of messages) process.stderr.write(`error: ${message}\n`);
  return 1;
}

/**
 * Runs a command-line tool's body: its result goes to standard output as JSON (exit 0), a flag it does
 * not know to standard error with the usage (exit 2), an operator's error as its message (exit 1).
 */
export async function runCommand(usage: string, body: () => Promise<object>): Promise<number> {
  try {
    process.stdout.write(`${JSON.stringify(await body())}\n`);
    return 0;
  } catch (err) {
    if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`error: ${err.message}\n${usage}\n`);
      return 2;
    }
    return reportOperatorError(err);
  }
}
