import { isObject, validateTypedValue } from '@medplum/core';
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import { getHiwaStructureDefinition } from '../definitions.js';
import { libraryErrors } from './library-issues.js';
import { profileType } from './profile-types.js';
import { bindingsForSchema, checkBindings, type TypeNode } from './required-bindings.js';

/**
 * Hiwa's own extensions are checked against their definitions wherever they occur, whether or not the
 * resource claims a Hiwa profile: a population group recorded as free text, or with a code outside its value
 * set, would silently drop out of every report. Other extensions are not ours to judge.
 */
export function checkHiwaExtensions(value: unknown, path: string, issues: OperationOutcomeIssue[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkHiwaExtensions(item, `${path}[${i}]`, issues));
    return;
  }
  if (!isObject(value)) {
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    // `_birthDate` carries the extensions of the primitive `birthDate`
    const childPath = `${path}.${key.startsWith('_') ? key.slice(1) : key}`;
    if ((key === 'extension' || key === 'modifierExtension') && Array.isArray(child)) {
      child.forEach((extension, i) => checkExtension(extension, `${childPath}[${i}]`, issues));
    }
    checkHiwaExtensions(child, childPath, issues);
  }
}

interface ExtensionDefinition {
  typeName: string;
  bindings: TypeNode;
}

const definitions = new Map<string, ExtensionDefinition | null>();

function extensionDefinition(url: string): ExtensionDefinition | undefined {
  let known = definitions.get(url);
  if (known === undefined) {
    const profile = getHiwaStructureDefinition(url);
    if (profile?.type === 'Extension') {
      const { typeName, schema } = profileType(profile);
      known = { typeName, bindings: bindingsForSchema(schema) };
    } else {
      known = null;
    }
    definitions.set(url, known);
  }
  return known ?? undefined;
}

function checkExtension(extension: unknown, path: string, issues: OperationOutcomeIssue[]): void {
  const url = isObject(extension) ? extension.url : undefined;
  const definition = typeof url === 'string' ? extensionDefinition(url) : undefined;
  if (!definition) {
    return;
  }
  const typed = { type: definition.typeName, value: extension };
  issues.push(...libraryErrors(() => validateTypedValue(typed), { from: 'Extension', to: path }));
  checkBindings(extension, definition.bindings, path, issues);
}
