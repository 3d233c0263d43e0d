import type { CodeSystem, ValueSet } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { Terminology } from '../../../server/fhir/conformance/terminology.js';

const codeSystem = (url: string, codes: string[], content: CodeSystem['content'] = 'complete'): CodeSystem => ({
  resourceType: 'CodeSystem',
  url,
  status: 'active',
  content,
  // the last code nests under the first, as in hierarchical code systems
  concept: [{ code: codes[0], concept: codes.slice(-1).map((code) => ({ code })) }, ...codes.slice(1, -1).map((code) => ({ code }))],
});

const valueSet = (url: string, compose: ValueSet['compose']): ValueSet => ({ resourceType: 'ValueSet', url, status: 'active', compose });

function terminology(): Terminology {
  const t = new Terminology();
  t.addCodeSystem(codeSystem('http://x/colour', ['red', 'green', 'blue']));
  t.addCodeSystem(codeSystem('http://x/size', ['s', 'm', 'l']));
  t.addCodeSystem(codeSystem('http://x/partial', ['a', 'b'], 'fragment'));
  return t;
}

describe('Terminology.expand', () => {
  it('includes every code of a whole code system, nested concepts too', () => {
    const t = terminology();
    t.addValueSet(valueSet('http://x/vs/colours', { include: [{ system: 'http://x/colour' }] }));
    expect(t.expand('http://x/vs/colours')).toEqual(new Map([['http://x/colour', new Set(['red', 'green', 'blue'])]]));
  });

  it('includes explicit concept lists, other value sets, and removes exclusions', () => {
    const t = terminology();
    t.addValueSet(valueSet('http://x/vs/small', { include: [{ system: 'http://x/size', concept: [{ code: 's' }] }] }));
    t.addValueSet(
      valueSet('http://x/vs/mixed', {
        include: [{ valueSet: ['http://x/vs/small|1.0'] }, { system: 'http://x/colour' }],
        exclude: [{ system: 'http://x/colour', concept: [{ code: 'green' }] }],
      }),
    );
    expect(t.expand('http://x/vs/mixed|2.0')).toEqual(
      new Map([
        ['http://x/size', new Set(['s'])],
        ['http://x/colour', new Set(['red', 'blue'])],
      ]),
    );
  });

  it('gives no expansion when any part cannot be expanded in full', () => {
    const t = terminology();
    t.addValueSet(valueSet('http://x/vs/filter', { include: [{ system: 'http://x/colour', filter: [{ property: 'concept', op: 'is-a', value: 'red' }] }] }));
    t.addValueSet(valueSet('http://x/vs/unknown-system', { include: [{ system: 'http://snomed.info/sct' }] }));
    t.addValueSet(valueSet('http://x/vs/fragment', { include: [{ system: 'http://x/partial' }] }));
    t.addValueSet(valueSet('http://x/vs/half', { include: [{ system: 'http://x/colour' }, { system: 'http://snomed.info/sct' }] }));
    t.addValueSet(valueSet('http://x/vs/loop', { include: [{ valueSet: ['http://x/vs/loop'] }] }));
    for (const url of ['filter', 'unknown-system', 'fragment', 'half', 'loop', 'missing']) {
      expect(t.expand(`http://x/vs/${url}`), url).toBeUndefined();
    }
  });

  it('finds value sets by canonical URL with or without a version', () => {
    const t = terminology();
    t.addValueSet(valueSet('http://x/vs/colours', { include: [{ system: 'http://x/colour' }] }));
    expect(t.getValueSet('http://x/vs/colours|4.0.1')?.url).toBe('http://x/vs/colours');
  });
});
