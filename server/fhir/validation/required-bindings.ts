import { capitalize, isObject, isPrimitiveType, tryGetDataType } from '@medplum/core';
import type { InternalSchemaElement, InternalTypeSchema } from '@medplum/core';
import type { CodeableConcept, Coding, OperationOutcomeIssue } from '@medplum/fhirtypes';
import { expandValueSet, type Expansion } from '../definitions.js';
import { issue } from '../outcomes.js';

/**
 * Required bindings, which Medplum's validator does not check: a coded value under a `required` binding must
 * come from the value set. What to check is worked out once per type, as a graph from JSON property names to
 * the bindings and types below them (shared by every place a type occurs, cyclic where types nest, e.g.
 * Questionnaire items); checking a resource then walks only the properties it has.
 */

type BindingCheck =
  /** a code-like primitive may be any code of the value set, whatever its system */
  | { shape: 'primitive'; valueSet: string; codes: ReadonlySet<string> }
  /** a coding is judged within its own system */
  | { shape: 'Coding' | 'CodeableConcept'; valueSet: string; expansion: Expansion };

interface FieldNode {
  check?: BindingCheck;
  /** the field's own type, when it is complex */
  type?: TypeNode;
  /** the field holds whole resources (contained, Bundle entries): each is checked by its own type */
  resource?: boolean;
}

export interface TypeNode {
  fields: Map<string, FieldNode>;
}

const CODED_PRIMITIVES = new Set(['code', 'string', 'uri']);
/** Extension content is defined elsewhere (Hiwa's own extensions are checked against their definitions). */
const NOT_DESCENDED = new Set(['Extension']);

const nodesByTypeName = new Map<string, TypeNode>();

/** The binding graph of a base type (resource or data type); undefined for a type Medplum does not know. */
export function bindingsForType(typeName: string): TypeNode | undefined {
  const known = nodesByTypeName.get(typeName);
  if (known) {
    return known;
  }
  const schema = tryGetDataType(typeName);
  if (!schema) {
    return undefined;
  }
  const node: TypeNode = { fields: new Map() };
  nodesByTypeName.set(typeName, node); // before filling it in, so nested occurrences of the type find it
  fillFields(node, schema);
  return node;
}

/** The binding graph of a profile's schema: its own top-level elements, base types below them. */
export function bindingsForSchema(schema: InternalTypeSchema): TypeNode {
  const node: TypeNode = { fields: new Map() };
  fillFields(node, schema);
  return node;
}

function fillFields(node: TypeNode, schema: InternalTypeSchema): void {
  for (const [key, element] of Object.entries(schema.elements)) {
    for (const { code } of element.type) {
      const jsonKey = key.endsWith('[x]') ? key.slice(0, -3) + capitalize(code) : key;
      const field = fieldNode(element, code);
      if (field) {
        node.fields.set(jsonKey, field);
      }
    }
  }
}

function fieldNode(element: InternalSchemaElement, typeCode: string): FieldNode | undefined {
  const field: FieldNode = {};
  const check = bindingCheck(element, typeCode);
  if (check) {
    field.check = check;
  }
  if (typeCode === 'Resource') {
    field.resource = true;
  } else if (!isPrimitiveType(typeCode) && !NOT_DESCENDED.has(typeCode)) {
    field.type = bindingsForType(typeCode);
  }
  return field.check || field.type || field.resource ? field : undefined;
}

function bindingCheck(element: InternalSchemaElement, typeCode: string): BindingCheck | undefined {
  const binding = element.binding;
  if (binding?.strength !== 'required' || !binding.valueSet) {
    return undefined;
  }
  const coded = CODED_PRIMITIVES.has(typeCode) || typeCode === 'Coding' || typeCode === 'CodeableConcept';
  const expansion = coded ? expandValueSet(binding.valueSet) : undefined;
  if (!expansion) {
    return undefined;
  }
  const valueSet = binding.valueSet;
  if (typeCode === 'Coding' || typeCode === 'CodeableConcept') {
    return { shape: typeCode, valueSet, expansion };
  }
  return { shape: 'primitive', valueSet, codes: new Set([...expansion.values()].flatMap((codes) => [...codes])) };
}

/** Appends an issue for every coded value under `value` that its required binding does not allow. */
export function checkBindings(value: unknown, node: TypeNode, path: string, issues: OperationOutcomeIssue[]): void {
  if (!isObject(value)) {
    return;
  }
  for (const [key, property] of Object.entries(value)) {
    const field = node.fields.get(key);
    if (!field || property === undefined || property === null) {
      continue;
    }
    const items = Array.isArray(property) ? property : [property];
    items.forEach((item: unknown, i) => {
      const itemPath = Array.isArray(property) ? `${path}.${key}[${i}]` : `${path}.${key}`;
      if (field.check) {
        checkValue(item, field.check, itemPath, issues);
      }
      if (field.type) {
        checkBindings(item, field.type, itemPath, issues);
      } else if (field.resource && isObject(item) && typeof item.resourceType === 'string') {
        const contained = bindingsForType(item.resourceType);
        if (contained) {
          checkBindings(item, contained, itemPath, issues);
        }
      }
    });
  }
}

function checkValue(value: unknown, check: BindingCheck, path: string, issues: OperationOutcomeIssue[]): void {
  switch (check.shape) {
    case 'primitive':
      if (typeof value === 'string' && !check.codes.has(value)) {
        issues.push(notInValueSet(value, check, path));
      }
      return;
    case 'Coding':
      checkCoding(value as Coding, check, path, issues);
      return;
    case 'CodeableConcept':
      ((value as CodeableConcept).coding ?? []).forEach((coding, i) =>
        checkCoding(coding, check, `${path}.coding[${i}]`, issues),
      );
      return;
  }
}

/** A coding from a system the value set does not draw on is not judged: it may be an additional coding. */
function checkCoding(
  coding: Coding,
  check: BindingCheck & { expansion: Expansion },
  path: string,
  issues: OperationOutcomeIssue[],
): void {
  const codes = coding?.system ? check.expansion.get(coding.system) : undefined;
  if (codes && typeof coding.code === 'string' && !codes.has(coding.code)) {
    issues.push(notInValueSet(coding.code, check, `${path}.code`));
  }
}

function notInValueSet(code: string, check: BindingCheck, path: string): OperationOutcomeIssue {
  return issue('code-invalid', `'${code}' is not in the required value set ${check.valueSet}`, path);
}
