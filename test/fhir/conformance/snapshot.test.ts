import type { StructureDefinition } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { generateSnapshot } from '../../../server/fhir/conformance/snapshot.js';

const base: StructureDefinition = {
  resourceType: 'StructureDefinition',
  url: 'http://hl7.org/fhir/StructureDefinition/Thing',
  name: 'Thing',
  status: 'active',
  kind: 'resource',
  abstract: false,
  type: 'Thing',
  snapshot: {
    element: [
      { id: 'Thing', path: 'Thing', min: 0, max: '*' },
      { id: 'Thing.extension', path: 'Thing.extension', min: 0, max: '*', type: [{ code: 'Extension' }] },
      { id: 'Thing.name', path: 'Thing.name', min: 0, max: '*', constraint: [{ key: 'a', severity: 'error', human: 'a' }] },
      { id: 'Thing.status', path: 'Thing.status', min: 0, max: '1', type: [{ code: 'code' }] },
    ],
  },
};

const extension: StructureDefinition = {
  resourceType: 'StructureDefinition',
  url: 'http://x/ext',
  name: 'Ext',
  status: 'active',
  kind: 'complex-type',
  abstract: false,
  type: 'Extension',
  snapshot: {
    element: [
      { id: 'Extension', path: 'Extension', min: 0, max: '1' },
      { id: 'Extension.url', path: 'Extension.url', min: 1, max: '1', fixedUri: 'http://x/ext' },
      { id: 'Extension.value[x]', path: 'Extension.value[x]', min: 1, max: '1', type: [{ code: 'boolean' }] },
    ],
  },
};

const profile = (elements: NonNullable<StructureDefinition['differential']>['element']): StructureDefinition => ({
  ...base,
  url: 'http://x/profile',
  name: 'Profile',
  snapshot: undefined,
  derivation: 'constraint',
  baseDefinition: base.url,
  differential: { element: elements },
});

const extensions = (url: string): StructureDefinition | undefined => (url === extension.url ? extension : undefined);

describe('generateSnapshot', () => {
  it('applies constraints to the base elements and appends invariants', () => {
    const sd = generateSnapshot(
      profile([
        { id: 'Thing.name', path: 'Thing.name', min: 1, constraint: [{ key: 'b', severity: 'error', human: 'b' }] },
        { id: 'Thing.status', path: 'Thing.status', binding: { strength: 'required', valueSet: 'http://x/vs' } },
      ]),
      base,
      extensions,
    );
    const byId = new Map(sd.snapshot?.element.map((e) => [e.id, e]));
    expect(byId.get('Thing.name')).toMatchObject({ min: 1, max: '*', constraint: [{ key: 'a' }, { key: 'b' }] });
    expect(byId.get('Thing.status')?.binding?.strength).toBe('required');
    expect(base.snapshot?.element[2].min).toBe(0); // the base is not touched
  });

  it('unrolls an extension slice after the sliced element, with a default slicing by url', () => {
    const sd = generateSnapshot(
      profile([{ id: 'Thing.extension:flag', path: 'Thing.extension', sliceName: 'flag', max: '1', type: [{ code: 'Extension', profile: [extension.url as string] }] }]),
      base,
      extensions,
    );
    const elements = sd.snapshot?.element ?? [];
    expect(elements.map((e) => e.id)).toEqual([
      'Thing',
      'Thing.extension',
      'Thing.extension:flag',
      'Thing.extension:flag.url',
      'Thing.extension:flag.value[x]',
      'Thing.name',
      'Thing.status',
    ]);
    expect(elements[1].slicing).toEqual({ discriminator: [{ type: 'value', path: 'url' }], rules: 'open' });
    expect(elements[2]).toMatchObject({ path: 'Thing.extension', sliceName: 'flag', max: '1' });
    expect(elements[3]).toMatchObject({ path: 'Thing.extension.url', fixedUri: extension.url });
  });

  it('unrolls the inline parts of a complex extension from the base Extension, then constrains them', () => {
    const baseExtension: StructureDefinition = {
      ...extension,
      url: 'http://hl7.org/fhir/StructureDefinition/Extension',
      snapshot: {
        element: [
          { id: 'Extension', path: 'Extension', min: 0, max: '*' },
          { id: 'Extension.extension', path: 'Extension.extension', min: 0, max: '*', type: [{ code: 'Extension' }] },
          { id: 'Extension.url', path: 'Extension.url', min: 1, max: '1' },
          { id: 'Extension.value[x]', path: 'Extension.value[x]', min: 0, max: '1', type: [{ code: 'string' }, { code: 'boolean' }] },
        ],
      },
    };
    const complex: StructureDefinition = {
      ...extension,
      url: 'http://x/complex',
      snapshot: undefined,
      derivation: 'constraint',
      baseDefinition: baseExtension.url,
      differential: {
        element: [
          { id: 'Extension.extension:part', path: 'Extension.extension', sliceName: 'part', min: 1, max: '1' },
          { id: 'Extension.extension:part.url', path: 'Extension.extension.url', fixedUri: 'part' },
          { id: 'Extension.extension:part.value[x]', path: 'Extension.extension.value[x]', min: 1, type: [{ code: 'string' }] },
          { id: 'Extension.value[x]', path: 'Extension.value[x]', max: '0' },
        ],
      },
    };
    const sd = generateSnapshot(complex, baseExtension, (url) => (url === baseExtension.url ? baseExtension : undefined));
    const byId = new Map(sd.snapshot?.element.map((e) => [e.id, e]));
    expect(byId.get('Extension.extension:part')).toMatchObject({ path: 'Extension.extension', sliceName: 'part', min: 1, type: [{ code: 'Extension' }] });
    expect(byId.get('Extension.extension:part.url')).toMatchObject({ path: 'Extension.extension.url', fixedUri: 'part' });
    expect(byId.get('Extension.extension:part.value[x]')).toMatchObject({ min: 1, type: [{ code: 'string' }] });
    expect(byId.get('Extension.value[x]')?.max).toBe('0');
  });

  it('refuses what it does not support rather than validating less', () => {
    expect(() => generateSnapshot(profile([{ id: 'Thing.colour', path: 'Thing.colour', min: 1 }]), base, extensions)).toThrow(/Thing.colour/);
    expect(() =>
      generateSnapshot(profile([{ id: 'Thing.name:first', path: 'Thing.name', sliceName: 'first' }]), base, extensions),
    ).toThrow(/slice/);
    expect(() =>
      generateSnapshot(
        profile([{ id: 'Thing.extension:x', path: 'Thing.extension', sliceName: 'x', type: [{ code: 'Extension', profile: ['http://elsewhere/ext'] }] }]),
        base,
        extensions,
      ),
    ).toThrow(/known extension/);
  });
});
