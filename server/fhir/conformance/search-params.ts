import { IndexerAtom, InfixOperatorAtom, SymbolAtom, UnionAtom, parseFhirPath } from '@medplum/core';
import type { Atom } from '@medplum/core';
import type { SearchParameter } from '@medplum/fhirtypes';

export type SearchParamType =
  | 'string'
  | 'token'
  | 'date'
  | 'number'
  | 'quantity'
  | 'reference'
  | 'uri'
  | 'composite'
  | 'special';

/** One search parameter as it applies to one resource type. */
export interface SearchParamDef {
  readonly code: string;
  readonly type: SearchParamType;
  /** FHIRPath over this resource type only: the branches of the shared R4 expression that start at it */
  readonly expression: string;
  /** resource types a reference parameter may point at (empty for other types) */
  readonly targets: readonly string[];
  /** canonical URL of the SearchParameter, for the CapabilityStatement */
  readonly url: string;
  /** what the CapabilityStatement says of one of Hiwa's own parameters (its description); FHIR's are documented by FHIR */
  readonly documentation?: string;
  /**
   * Hiwa's SearchParameters whose index values FHIRPath cannot compute (a name's blocking keys) name the
   * function that derives them from the expression's result (extension `search-value-derivation`).
   */
  readonly derivation?: string;
}

export const SEARCH_VALUE_DERIVATION_URL = 'https://hiwa.health/fhir/StructureDefinition/search-value-derivation';

/**
 * Parameters kept out of the registry: `_id` and `_lastUpdated` are columns of the resource table, searched
 * there; the others have no FHIRPath in R4 (`_text`, `_content`, `_query`) and so cannot be indexed.
 */
const NOT_INDEXED = new Set(['_id', '_lastUpdated', '_text', '_content', '_query']);

/** Base types whose parameters apply to every resource type. */
const ABSTRACT_BASES = new Set(['Resource', 'DomainResource']);

/**
 * The definitions a SearchParameter contributes, one per resource type it applies to. `resourceTypes` is
 * every concrete type, for parameters declared on `Resource` / `DomainResource`.
 */
export function searchParamDefs(sp: SearchParameter, resourceTypes: Iterable<string>): [string, SearchParamDef][] {
  if (!sp.code || !sp.expression || !sp.type || NOT_INDEXED.has(sp.code)) {
    return [];
  }
  const branches = branchesByRoot(sp.expression);
  const abstract = sp.base.find((b) => ABSTRACT_BASES.has(b));
  const derivation = sp.extension?.find((e) => e.url === SEARCH_VALUE_DERIVATION_URL)?.valueCode;
  const result: [string, SearchParamDef][] = [];
  for (const base of abstract ? resourceTypes : sp.base) {
    // `Resource.meta.tag` is re-rooted at each concrete type so it evaluates against that type's schema
    const expression = abstract ? branches.get(abstract)?.replaceAll(`${abstract}.`, `${base}.`) : branches.get(base);
    if (expression) {
      const def = { code: sp.code, type: sp.type, expression, targets: sp.target ?? [], url: sp.url ?? '' };
      result.push([base, derivation === undefined ? def : { ...def, derivation }]);
    }
  }
  return result;
}

/** The restricted expression of `expression` for one resource type; undefined when no branch starts at it. */
export function expressionForType(expression: string, resourceType: string): string | undefined {
  return branchesByRoot(expression).get(resourceType);
}

/**
 * The branches of a union expression grouped by the symbol they start at, each group joined again with `|`.
 * R4 shares one expression between bases ("Patient.name | Practitioner.name"), so a Patient must not be
 * indexed through the Practitioner branch. Comparing the root symbol rather than a text prefix keeps
 * "RelatedPerson.address" out of Person's parameter and survives parentheses and `as`.
 */
function branchesByRoot(expression: string): Map<string, string> {
  const branches = unionBranches(parseFhirPath(normaliseExpression(expression)).child);
  const byRoot = new Map<string, string>();
  for (const branch of branches) {
    const root = rootSymbol(branch);
    if (root) {
      const previous = byRoot.get(root);
      byRoot.set(root, previous ? `${previous} | ${branch.toString()}` : branch.toString());
    }
  }
  return byRoot;
}

/**
 * R4 writes type filters as the function `x.as(T)`, which FHIRPath (and Medplum) evaluates as "no filter":
 * `Condition.onset.as(dateTime)` would yield an onsetString too. The operator form `x as T` and `ofType(T)`
 * do filter, which is what every such search expression means (R5 rewrote them to `ofType`).
 */
function normaliseExpression(expression: string): string {
  return expression.replace(/\.as\(/g, '.ofType(');
}

/** The alternatives of a union expression (`a | b | c`), or the expression itself. */
export function unionBranches(atom: Atom, into: Atom[] = []): Atom[] {
  if (atom instanceof UnionAtom) {
    unionBranches(atom.left, into);
    unionBranches(atom.right, into);
  } else {
    into.push(atom);
  }
  return into;
}

/** The leftmost symbol of a path expression: `Patient` in `(Patient.deceased as dateTime)`. */
function rootSymbol(atom: Atom): string | undefined {
  let current: Atom = atom;
  while (current instanceof InfixOperatorAtom || current instanceof IndexerAtom) {
    current = current.left;
  }
  return current instanceof SymbolAtom ? current.name : undefined;
}
