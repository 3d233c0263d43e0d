import { tryGetDataType } from '@medplum/core';
import type { Meta, Resource } from '@medplum/fhirtypes';
import type { SearchRequest } from './search/request.js';

const subsetted = { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'SUBSETTED' };

/** The resource reduced as `_summary` and `_elements` ask, marked SUBSETTED; unchanged when neither is given. */
export function subsetResource(resource: Resource, request: Pick<SearchRequest, 'summary' | 'elements'>): Resource {
  const { summary, elements } = request;
  const schema = tryGetDataType(resource.resourceType);
  const mandatory = (name: string): boolean =>
    schema?.mandatoryProperties?.has(name) ?? schema?.elements[name]?.min !== 0;
  if (elements && elements.length > 0) {
    const asked = new Set(elements.map((e) => e.replace(/\[x\]$/, '')));
    return keep(resource, (name) => asked.has(name) || mandatory(name));
  }
  switch (summary) {
    case 'true':
      return keep(resource, (name) => schema?.summaryProperties?.has(name) ?? true);
    case 'text':
      return keep(resource, (name) => name === 'text' || mandatory(name));
    case 'data':
      return keep(resource, (name) => name !== 'text');
    default:
      return resource;
  }
}

/**
 * The element a JSON property belongs to: `valueQuantity` is the choice element `value[x]`, named `value`.
 * Found through the type's schema, so `statusReason` is never mistaken for `status`.
 */
function elementName(resourceType: string, key: string): string {
  const schema = tryGetDataType(resourceType);
  if (!schema || schema.elements[key]) return key;
  for (const name of Object.keys(schema.elements)) {
    if (name.endsWith('[x]')) {
      const base = name.slice(0, -3);
      if (key.startsWith(base) && /^[A-Z]/.test(key.slice(base.length))) return base;
    }
  }
  return key;
}

function keep(resource: Resource, wanted: (element: string) => boolean): Resource {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(resource)) {
    if (key === 'resourceType' || key === 'id' || key === 'meta' || wanted(elementName(resource.resourceType, key))) {
      out[key] = value;
    }
  }
  const meta: Meta = { ...(resource.meta ?? {}), tag: [...(resource.meta?.tag ?? []), subsetted] };
  return { ...(out as unknown as Resource), meta };
}
