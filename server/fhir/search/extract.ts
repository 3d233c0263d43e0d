import { evalFhirPathTyped, FhirPathAtom, parseFhirPath, toTypedValue } from '@medplum/core';
import type { TypedValue } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import { unionBranches } from '../conformance/search-params.js';
import { listSearchParameters } from '../definitions.js';
import { expressionRoots, hasAnyElement } from './expression-roots.js';
import { memberPath, readMemberPath, type MemberPath } from './member-path.js';
import { emptyIndexRows, type IndexRows } from './index-rows.js';
import { dateValues, numberValues, quantityValues } from './index-ranges.js';
import { referenceValues, stringValues, tokenValues, uriValues } from './index-text.js';
import { derivedValues } from './derived-values.js';
import { indexedExactValue } from './normalize.js';

type IndexType = keyof IndexRows;

interface CompiledParam {
  code: string;
  type: IndexType;
  /** the alternatives of the expression's top-level union, evaluated one by one (see compiledParams) */
  branches: CompiledBranch[];
  /** the rows of one FHIRPath result: the type's own, or those of a Hiwa derivation */
  values: (tv: TypedValue) => Omit<IndexRows[IndexType][number], 'param'>[];
}

interface CompiledBranch {
  expression: FhirPathAtom;
  /** the top-level elements without which the branch yields nothing; undefined: always evaluate */
  roots: string[] | undefined;
  /** a branch that only names elements, read straight off the JSON (see member-path.ts) */
  path: MemberPath | undefined;
}

const INDEX_TYPES: ReadonlySet<string> = new Set<IndexType>([
  'string',
  'token',
  'date',
  'number',
  'quantity',
  'reference',
  'uri',
]);

/** What one FHIRPath result yields for each index type (rows without their parameter name). */
const VALUES: { [T in IndexType]: (tv: TypedValue) => Omit<IndexRows[T][number], 'param'>[] } = {
  string: stringValues,
  token: tokenValues,
  date: dateValues,
  number: numberValues,
  quantity: quantityValues,
  reference: referenceValues,
  uri: uriValues,
};

/**
 * Parsed once per resource type: parsing FHIRPath costs far more than evaluating it. A top-level union
 * (`AuditEvent.agent.who | AuditEvent.entity.what`) is split into its branches: FHIRPath's `|` removes
 * duplicates by comparing every value with every other, which took seconds for an AuditEvent naming the
 * thousands of resources of one transaction; the rows' own de-duplication (a set) gives the same rows.
 */
const compiledByType = new Map<string, CompiledParam[]>();

function compiledParams(resourceType: string): CompiledParam[] {
  let compiled = compiledByType.get(resourceType);
  if (!compiled) {
    compiled = listSearchParameters(resourceType)
      .filter((def) => INDEX_TYPES.has(def.type)) // composite and special parameters have no rows of their own
      .map((def) => {
        const type = def.type as IndexType;
        const values = def.derivation === undefined ? VALUES[type] : derivedValues(def.derivation, type);
        const branches = unionBranches(parseFhirPath(def.expression).child).map((atom) => {
          const expression = new FhirPathAtom(atom.toString(), atom);
          return { expression, roots: expressionRoots(expression), path: memberPath(atom, resourceType) };
        });
        return { code: def.code, type, branches, values };
      });
    compiledByType.set(resourceType, compiled);
  }
  return compiled;
}

/**
 * The search-index rows of a resource: every search parameter of its type (R4 and Hiwa's), evaluated and
 * turned into rows, identical rows once. `_id` and `_lastUpdated` are not here: the store searches its columns.
 */
export function extractIndexRows(resource: Resource): IndexRows {
  const rows = emptyIndexRows();
  const input = [toTypedValue(resource)];
  const keys = Object.keys(resource);
  for (const param of compiledParams(resource.resourceType)) {
    const found: ParamValues[] = [];
    for (const branch of param.branches) {
      if (branch.roots && !hasAnyElement(keys, branch.roots)) {
        continue;
      }
      const results = (branch.path && readMemberPath(branch.path, resource)) ?? evalFhirPathTyped(branch.expression, input);
      for (const result of results) {
        found.push(...param.values(result));
      }
    }
    addRows(rows, param, found);
  }
  rows.token = rows.token.map((r) => ({ ...r, system: indexedExactValue(r.system), code: indexedExactValue(r.code) }));
  rows.uri = rows.uri.map((r) => ({ ...r, value: indexedExactValue(r.value) }));
  return rows;
}

type ParamValues = Omit<IndexRows[IndexType][number], 'param'>;

/**
 * The parameter's rows, identical ones once, in the order found. Codes are unique within a type, so rows of
 * different parameters never repeat each other, and most parameters find one value or none: only a parameter
 * with several needs comparing them (the same function made each, so the same fields in the same order).
 */
function addRows(rows: IndexRows, param: CompiledParam, found: ParamValues[]): void {
  const target = rows[param.type] as IndexRows[IndexType][number][];
  if (found.length <= 1) {
    if (found.length === 1) target.push({ param: param.code, ...found[0] } as IndexRows[IndexType][number]);
    return;
  }
  const seen = new Set<string>();
  for (const values of found) {
    const key = JSON.stringify(values);
    if (!seen.has(key)) {
      seen.add(key);
      target.push({ param: param.code, ...values } as IndexRows[IndexType][number]);
    }
  }
}
