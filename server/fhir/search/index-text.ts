import type { TypedValue } from '@medplum/core';
import type {
  Address,
  CodeableConcept,
  Coding,
  ContactPoint,
  HumanName,
  Identifier,
  Reference,
} from '@medplum/fhirtypes';
import { isResourceType } from '../definitions.js';
import type { ReferenceRow, StringRow, TokenRow, UriRow } from './index-rows.js';
import { indexedStringValue, normalizeForSearch } from './normalize.js';

/**
 * Index values of the text-like search parameter types (string, token, reference, uri) for one FHIRPath
 * result. Each function returns the rows without their parameter name; a value of a type the parameter
 * type cannot index yields no row.
 */

type Row<T> = Omit<T, 'param'>;

const PLAIN_STRING_TYPES = new Set(['string', 'markdown', 'code', 'id', 'uri', 'url', 'canonical']);

export function stringValues(tv: TypedValue): Row<StringRow>[] {
  let parts: (string | undefined)[];
  if (tv.type === 'HumanName') {
    const name = tv.value as HumanName;
    // The whole name as one row too, so "name=Ahmed Ali" finds Ahmed Ali by prefix.
    const whole = [...(name.prefix ?? []), ...(name.given ?? []), name.family, ...(name.suffix ?? [])];
    parts = [name.family, ...(name.given ?? []), ...(name.prefix ?? []), ...(name.suffix ?? []), name.text];
    parts.push(whole.filter(Boolean).join(' '));
  } else if (tv.type === 'Address') {
    const a = tv.value as Address;
    parts = [...(a.line ?? []), a.city, a.district, a.state, a.postalCode, a.country, a.text];
  } else if (PLAIN_STRING_TYPES.has(tv.type) && typeof tv.value === 'string') {
    parts = [tv.value];
  } else {
    return [];
  }
  return parts
    .filter((p): p is string => typeof p === 'string' && p.trim() !== '')
    .map((exact) => ({ value: indexedStringValue(exact), exact }));
}

const CODE_LIKE_TYPES = new Set(['code', 'string', 'id', 'uri', 'url', 'canonical', 'oid', 'uuid']);

export function tokenValues(tv: TypedValue): Row<TokenRow>[] {
  switch (tv.type) {
    case 'Coding':
      return codingRow(tv.value as Coding);
    case 'CodeableConcept': {
      const concept = tv.value as CodeableConcept;
      const rows = (concept.coding ?? []).flatMap(codingRow);
      if (concept.text) {
        rows.push({ system: null, code: null, text: normalizeForSearch(concept.text) });
      }
      return rows;
    }
    case 'Identifier': {
      const id = tv.value as Identifier;
      if (!id.value && !id.system) {
        return [];
      }
      return [{ system: id.system ?? null, code: id.value ?? null, text: textOrNull(id.type?.text) }];
    }
    case 'ContactPoint': {
      const value = (tv.value as ContactPoint).value;
      return value ? [{ system: null, code: value, text: null }] : [];
    }
    case 'boolean':
      return typeof tv.value === 'boolean' ? [{ system: null, code: String(tv.value), text: null }] : [];
    default:
      return CODE_LIKE_TYPES.has(tv.type) && typeof tv.value === 'string' && tv.value !== ''
        ? [{ system: null, code: tv.value, text: null }]
        : [];
  }
}

function codingRow(coding: Coding): Row<TokenRow>[] {
  if (!coding.code && !coding.system) {
    return [];
  }
  return [{ system: coding.system ?? null, code: coding.code ?? null, text: textOrNull(coding.display) }];
}

function textOrNull(text: string | undefined): string | null {
  return text ? normalizeForSearch(text) : null;
}

const REFERENCE_STRING_TYPES = new Set(['canonical', 'uri', 'url', 'string']);

export function referenceValues(tv: TypedValue): Row<ReferenceRow>[] {
  let written: string | undefined;
  if (tv.type === 'Reference') {
    written = (tv.value as Reference).reference; // identifier-only and display-only references are not indexed
  } else if (REFERENCE_STRING_TYPES.has(tv.type) && typeof tv.value === 'string') {
    written = tv.value;
  }
  if (!written || written.startsWith('#')) {
    return []; // contained resources are part of this resource, not targets of their own
  }
  return [parseReference(written)];
}

/** `Type/id` (optionally `/_history/v`) of a known type; anything else stays as written. */
const LOCAL_REFERENCE = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

export function parseReference(written: string): Row<ReferenceRow> {
  const local = LOCAL_REFERENCE.exec(written);
  if (local && isResourceType(local[1])) {
    return { targetType: local[1], targetId: local[2], targetUrl: null };
  }
  // An absolute URL may well end in Type/id, but only the server that issued it knows whether its base is ours.
  return { targetType: null, targetId: null, targetUrl: written };
}

const URI_TYPES = new Set(['uri', 'url', 'canonical', 'oid', 'uuid', 'string']);

export function uriValues(tv: TypedValue): Row<UriRow>[] {
  return URI_TYPES.has(tv.type) && typeof tv.value === 'string' && tv.value !== '' ? [{ value: tv.value }] : [];
}
