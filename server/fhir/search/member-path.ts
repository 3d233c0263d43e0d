import { DotAtom, getElementDefinition, isEmpty, SymbolAtom } from '@medplum/core';
import type { Atom, TypedValue } from '@medplum/core';

/**
 * A search expression that only names elements, one inside the other (`Patient.name.given`,
 * `Observation.subject`): most of R4's and Hiwa's. Each element's type is known from the definitions before any
 * resource is seen, so the values can be read straight off the JSON; FHIRPath would look every element up in
 * the type schema again, for every resource, which was most of the cost of indexing one.
 */
export interface MemberPath {
  /** the JSON key of each element, after the resource type */
  keys: string[];
  /** the FHIR type of what the last element holds */
  type: string;
}

/**
 * The member path of a branch of a search expression on `resourceType`; undefined when it is anything else
 * (a function, `as`, an index, a choice of types, a contained resource), which FHIRPath evaluates as before.
 */
export function memberPath(branch: Atom, resourceType: string): MemberPath | undefined {
  const names: string[] = [];
  let atom = branch;
  while (atom instanceof DotAtom && atom.right instanceof SymbolAtom) {
    names.unshift(atom.right.name);
    atom = atom.left;
  }
  if (!(atom instanceof SymbolAtom) || atom.name !== resourceType || names.length === 0) return undefined;
  let type = resourceType;
  for (const name of names) {
    const element = getElementDefinition(type, name);
    // one type, under the element's own name: not a choice (`value[x]`) nor a name that stands for another
    if (element?.type?.length !== 1 || element.path.slice(element.path.lastIndexOf('.') + 1) !== name) return undefined;
    type = element.type[0].code;
    // a contained resource is typed by its own resourceType, known only when it is read
    if (type === 'Resource' || type === 'Element' || type === 'BackboneElement') return undefined;
  }
  return { keys: names, type };
}

/**
 * What FHIRPath gives for the path on this resource: each value found, in document order, typed as the path's
 * last element. Undefined when an element on the way carries primitive extensions (`_birthDate`), where
 * FHIRPath's view of the value differs: the caller evaluates that one with FHIRPath.
 */
export function readMemberPath(path: MemberPath, resource: object): TypedValue[] | undefined {
  let current: unknown[] = [resource];
  for (const key of path.keys) {
    const next: unknown[] = [];
    for (const holder of current) {
      if (holder === null || typeof holder !== 'object') continue;
      const object = holder as Record<string, unknown>;
      if (object[`_${key}`] !== undefined) return undefined;
      const value = object[key];
      // as FHIRPath: an empty value (undefined, '', [], {}) yields nothing; the items of a list each yield one
      if (isEmpty(value)) continue;
      if (Array.isArray(value)) {
        for (const item of value as unknown[]) if (item !== undefined) next.push(item);
      } else {
        next.push(value);
      }
    }
    if (next.length === 0) return [];
    current = next;
  }
  return current.map((value) => ({ type: path.type, value }));
}
