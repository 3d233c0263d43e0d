import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_JSON_NESTING, scanJsonText, textNestedDeeperThan, valueNestedDeeperThan } from '../../../server/fhir/validation/json-nesting.js';

const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');
const nestedArrays = (levels: number): string => '['.repeat(levels) + ']'.repeat(levels);

describe('the nesting limit of JSON', () => {
  it('counts the outermost object or array as level 1, and scalars as no level', () => {
    expect(textNestedDeeperThan(bytes('{}'), 0)).toBe(true);
    expect(textNestedDeeperThan(bytes('{}'), 1)).toBe(false);
    expect(textNestedDeeperThan(bytes('{"a":[{"b":1}]}'), 2)).toBe(true);
    expect(textNestedDeeperThan(bytes('{"a":[{"b":1}]}'), 3)).toBe(false);
    expect(textNestedDeeperThan(bytes('"text"'), 0)).toBe(false);
    expect(valueNestedDeeperThan({ a: [{ b: 1 }] }, 2)).toBe(true);
    expect(valueNestedDeeperThan({ a: [{ b: 1 }] }, 3)).toBe(false);
    expect(valueNestedDeeperThan(null, 0)).toBe(false);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ note: '[[[{{{ \\" "[[[[ ' });
    expect(textNestedDeeperThan(bytes(text), 1)).toBe(false);
    expect(textNestedDeeperThan(bytes('["\\\\", [[]]]'), 2)).toBe(true); // an escaped backslash ends the escape
  });

  it('reads multi-byte UTF-8 text byte by byte without miscounting', () => {
    expect(textNestedDeeperThan(bytes(JSON.stringify({ name: 'ناصر 😀 José', x: [['ڕ']] })), 3)).toBe(false);
  });

  it('checks 1,000,000 levels without overflowing the stack', () => {
    const text = nestedArrays(1_000_000);
    expect(textNestedDeeperThan(bytes(text), MAX_JSON_NESTING)).toBe(true);
    let deep: unknown[] = [];
    for (let i = 0; i < 1_000_000; i++) deep = [deep];
    expect(valueNestedDeeperThan(deep, MAX_JSON_NESTING)).toBe(true);
  });

  it('walks a very wide value without spreading it into one call', () => {
    const wide = { entry: Array.from({ length: 300_000 }, (_, i) => ({ i })) };
    expect(valueNestedDeeperThan(wide, 3)).toBe(false);
    expect(valueNestedDeeperThan(wide, 2)).toBe(true);
  });

  it('agrees between the text and the parsed value, for any JSON and any limit', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 10 }), (value, limit) => {
        const text = JSON.stringify(value);
        expect(textNestedDeeperThan(bytes(text), limit)).toBe(valueNestedDeeperThan(JSON.parse(text), limit));
      }),
      { numRuns: 500 },
    );
  });
});

describe('scanJsonText', () => {
  it('counts every object and array opened outside strings against the total, and tells depth from count', () => {
    const text = (n: number) => Buffer.from(`{"name":[${Array(n).fill('{"text":"[{a}]"}').join(',')}]}`);
    expect(scanJsonText(text(8), 5, 10)).toBeUndefined(); // 1 + 1 + 8 containers
    expect(scanJsonText(text(9), 5, 10)).toBe('too-many');
    expect(scanJsonText(text(1), 2, 10)).toBe('too-deep');
  });
});
