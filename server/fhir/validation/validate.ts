import { validateResource, validateTypedValue } from '@medplum/core';
import type { OperationOutcomeIssue, Resource, StructureDefinition } from '@medplum/fhirtypes';
import { getHiwaStructureDefinition, isResourceType, loadDefinitions } from '../definitions.js';
import { issue } from '../outcomes.js';
import { checkHiwaExtensions } from './hiwa-extensions.js';
import { MAX_JSON_NESTING, nestingMessage, valueNestedDeeperThan } from './json-nesting.js';
import { libraryErrors } from './library-issues.js';
import { profileType } from './profile-types.js';
import { bindingsForSchema, bindingsForType, checkBindings, type TypeNode } from './required-bindings.js';

/**
 * Every reason a resource may not be stored, as OperationOutcome issues naming the path (`Patient.gender`,
 * `Patient.name[0].given[0]`); empty when it is valid. Checks, in order:
 * 1. the R4 definition of its type (`validateResource` of `@medplum/core`: structure, cardinality, primitive
 *    formats, invariants);
 * 2. required bindings, which the library does not check (for value sets Hiwa can expand);
 * 3. every profile in `meta.profile` that Hiwa ships (profiles from elsewhere are not ours and are ignored);
 * 4. Hiwa's own extensions against their definitions, wherever they occur.
 * Warnings are not returned: they never stop a write. A resource nested deeper than any real one is refused
 * before any of these, which all walk it recursively.
 */
export function validateFhirResource(resource: Resource): OperationOutcomeIssue[] {
  if (valueNestedDeeperThan(resource, MAX_JSON_NESTING)) {
    return [issue('structure', nestingMessage, isResourceType(resource.resourceType) ? resource.resourceType : undefined)];
  }
  loadDefinitions();
  const issues = libraryErrors(() => validateResource(resource));
  const type = resource?.resourceType;
  if (!isResourceType(type)) {
    return issues; // the library has said what is wrong; nothing below applies to an unknown type
  }
  checkBindings(resource, bindingsForType(type) as TypeNode, type, issues);
  for (const url of resource.meta?.profile ?? []) {
    const profile = hiwaProfile(url);
    if (!profile) {
      continue;
    }
    if (profile.definition.type !== type) {
      const message = `Profile ${url} is for ${profile.definition.type}, not ${type}`;
      issues.push(issue('structure', message, `${type}.meta.profile`));
      continue;
    }
    issues.push(...libraryErrors(() => validateTypedValue({ type: profile.typeName, value: resource })));
    checkBindings(resource, profile.bindings, type, issues);
  }
  checkHiwaExtensions(resource, type, issues);
  return distinct(issues);
}

interface Profile {
  definition: StructureDefinition;
  typeName: string;
  bindings: TypeNode;
}

const profiles = new Map<string, Profile | null>();

function hiwaProfile(canonical: string): Profile | undefined {
  const url = canonical.split('|')[0];
  let known = profiles.get(url);
  if (known === undefined) {
    const definition = getHiwaStructureDefinition(url);
    if (definition?.kind === 'resource') {
      const { typeName, schema } = profileType(definition);
      known = { definition, typeName, bindings: bindingsForSchema(schema) };
    } else {
      known = null;
    }
    profiles.set(url, known);
  }
  return known ?? undefined;
}

/** A profile repeats the base checks, so the same finding can come twice. */
function distinct(issues: OperationOutcomeIssue[]): OperationOutcomeIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.code}\u0000${i.diagnostics}\u0000${(i.expression ?? []).join(',')}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
