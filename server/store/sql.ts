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
