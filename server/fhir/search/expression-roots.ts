import { AsAtom, DotAtom, FunctionAtom, IndexerAtom, SymbolAtom } from '@medplum/core';
import type { Atom, FhirPathAtom } from '@medplum/core';
import { unionBranches } from '../conformance/search-params.js';

/**
 * The top-level elements a search expression reads (`name` for `Patient.name.given`), when it can only
 * yield something if one of them is present; undefined when it may yield a value from an empty resource
 * (`Patient.deceased.exists() and …` gives false). Most parameters of a type find nothing in a given
 * resource, and a look at its keys is much cheaper than evaluating FHIRPath to learn that.
 */
export function expressionRoots(expression: FhirPathAtom): string[] | undefined {
  const roots: string[] = [];
  for (const branch of unionBranches(expression.child)) {
    const root = firstElement(branch);
    if (!root) {
      return undefined;
    }
    roots.push(root);
  }
  return roots;
}

/** Functions that give nothing for nothing; any other (exists, count, …) may produce a value from no input. */
const EMPTY_PRESERVING = new Set(['where', 'ofType', 'as', 'resolve', 'extension', 'first', 'last']);

/** `name` in `Patient.name.where(…).given`; undefined for anything but such a path. */
function firstElement(branch: Atom): string | undefined {
  let atom = branch;
  for (;;) {
    if (atom instanceof AsAtom || atom instanceof IndexerAtom) {
      atom = atom.left;
    } else if (atom instanceof DotAtom) {
      const { left, right } = atom;
      if (left instanceof SymbolAtom) {
        // left is the resource type; `Patient.extension('…')` reads the element `extension`
        if (right instanceof FunctionAtom) {
          return right.name === 'extension' ? 'extension' : undefined;
        }
        return right instanceof SymbolAtom ? right.name : undefined;
      }
      if (right instanceof FunctionAtom && !EMPTY_PRESERVING.has(right.name)) {
        return undefined;
      }
      atom = left;
    } else {
      return undefined;
    }
  }
}

/** Whether the resource has one of the elements, under its choice-type names too (`deceased` → `deceasedBoolean`). */
export function hasAnyElement(keys: readonly string[], elements: readonly string[]): boolean {
  for (const element of elements) {
    for (const key of keys) {
      if (key === element || (key.startsWith(element) && isUpperCase(key.charCodeAt(element.length)))) {
        return true;
      }
    }
  }
  return false;
}

function isUpperCase(charCode: number): boolean {
  return charCode >= 65 && charCode <= 90;
}
