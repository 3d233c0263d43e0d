/**
 * How deeply JSON may nest: objects and arrays inside one another, counting the outermost as level 1. Real
 * FHIR resources stay far below (a Bundle entry holding a Questionnaire of ten nested groups is about 25
 * levels), while validation, FHIRPath and serialisation all walk a resource recursively and run out of stack
 * somewhere past a few thousand levels. Both checks here are loops, safe on any depth.
 */
export const MAX_JSON_NESTING = 100;

export const nestingMessage = `The JSON is nested more than ${MAX_JSON_NESTING} levels deep`;

/**
 * How many objects and arrays one request body may hold. Each costs the server a few hundred bytes once
 * parsed and validated: a Patient of 2.5 million one-letter names (31 MiB, under the body limit) ran the
 * 512 MB heap out and killed the process. A 5,000-entry transaction of real resources holds about 150,000.
 */
export const MAX_JSON_CONTAINERS = 500_000;

export const containersMessage = `The JSON holds more than ${MAX_JSON_CONTAINERS.toLocaleString('en')} objects and arrays; send it in parts`;

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/**
 * What is wrong with JSON text (UTF-8 bytes, before parsing), if anything: objects and arrays opened more
 * than `maxDepth` inside one another, or more than `maxContainers` in all. Brackets inside strings do not
 * count. Malformed text is left to the parser to refuse; this only has to be right for text that parses. In
 * UTF-8 the bytes of `{ [ ] } " \` never occur inside a multi-byte character, so a byte scan is exact.
 */
export function scanJsonText(bytes: Uint8Array, maxDepth: number, maxContainers: number): 'too-deep' | 'too-many' | undefined {
  let depth = 0;
  let opened = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === QUOTE) {
      i = closingQuote(bytes, i + 1);
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      if (++depth > maxDepth) return 'too-deep';
      if (++opened > maxContainers) return 'too-many';
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      depth--;
    }
  }
  return undefined;
}

/** The index of the quote that ends a string whose text starts at `from` (or the end, for text cut short). */
function closingQuote(bytes: Uint8Array, from: number): number {
  for (let i = from; i < bytes.length; i++) {
    if (bytes[i] === BACKSLASH) i++; // the escaped character, whatever it is, does not end the string
    else if (bytes[i] === QUOTE) return i;
  }
  return bytes.length;
}

/** Whether JSON text opens more than `limit` objects and arrays inside one another. */
export function textNestedDeeperThan(bytes: Uint8Array, limit: number): boolean {
  return scanJsonText(bytes, limit, Number.POSITIVE_INFINITY) === 'too-deep';
}

/**
 * Whether a parsed value holds objects and arrays more than `limit` levels deep. For values built after
 * parsing (a JSON Patch can graft one acceptable value inside another), walked breadth-first, level by level.
 */
export function valueNestedDeeperThan(value: unknown, limit: number): boolean {
  let level: unknown[] = [value];
  for (let depth = 1; level.length > 0; depth++) {
    const next: unknown[] = [];
    for (const item of level) {
      if (typeof item !== 'object' || item === null) continue;
      if (depth > limit) return true;
      // a loop, not push(...children): spreading a million-element array would overflow the stack itself
      for (const child of Array.isArray(item) ? item : Object.values(item)) next.push(child);
    }
    level = next;
  }
  return false;
}
