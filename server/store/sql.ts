import { createHash } from 'node:crypto';

/**
 * Collects the values of one parameterised SQL statement. Every value a client sends reaches PostgreSQL
 * as a bind parameter, never as SQL text.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  /** A placeholder for `value`, with a cast when the type must be explicit (arrays, timestamps, numerics). */
  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return cast ? `$${this.values.length}::${cast}` : `$${this.values.length}`;
  }
}

/** Escapes LIKE wildcards so user text matches literally (the statements use the default `\` escape). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => '\\' + c);
}

/** Identifiers Hiwa writes into SQL text are its own constants; this guards that promise. */
export function assertSqlIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not an SQL identifier: ${name}`);
  return name;
}

/**
 * A statement sent under a name made from its text, so that each connection parses and plans it once and
 * then only binds values: planning a read by id with its access rule cost the database more than running
 * it. For statements whose texts are few (one per access-rule shape, the audit trail's insert) and whose
 * best plan does not change with the values; never for searches, whose texts are many and whose plans
 * should follow the values asked for.
 */
export function prepared(text: string, values: unknown[]): { name: string; text: string; values: unknown[] } {
  return { name: `h${createHash('sha1').update(text).digest('base64url').slice(0, 22)}`, text, values };
}
