import { badRequest } from '../outcomes.js';
import { getSearchParameter, isResourceType, type SearchParamDef } from '../definitions.js';
import { dateRange, numberRange } from './ranges.js';
import type {
  Cursor,
  DateValue,
  IncludeRule,
  IndexType,
  NumberValue,
  ParamCondition,
  Prefix,
  ReferenceValue,
  SearchFilter,
  SearchRequest,
  SortRule,
  TokenValue,
} from './request.js';

export const DEFAULT_COUNT = 20;
export const MAX_COUNT = 1000;
/**
 * How many filters, sort keys and include rules one search may have: far more than any screen or export
 * asks for, and few enough for PostgreSQL. A thousand ANDed filters leave its planner busy for minutes, a
 * thousand sort keys exceed its limit on columns.
 */
export const MAX_FILTERS = 50;
export const MAX_SORT_KEYS = 20;
export const MAX_INCLUDES = 50;

export interface ParseOptions {
  /** `Prefer: handling=lenient`: unknown parameters are ignored instead of refused */
  lenient?: boolean;
}

/** Parameters that shape the result rather than filter it. */
const resultParams = new Set([
  '_count', '_sort', '_total', '_summary', '_elements', '_include', '_revinclude', '_cursor', '_format', '_pretty',
]);

/** Parses FHIR search parameters (in request order, repeats kept) into a checked SearchRequest. */
export function parseSearch(
  resourceType: string,
  params: ReadonlyArray<readonly [string, string]>,
  options: ParseOptions = {},
): SearchRequest {
  const request: SearchRequest = {
    resourceType,
    filters: [],
    sort: [],
    count: DEFAULT_COUNT,
    total: 'none',
    include: [],
    revinclude: [],
  };
  for (const [rawName, value] of params) {
    // PostgreSQL text cannot hold NUL, so no stored value has one: refuse it here rather than fail in SQL.
    if (rawName.includes('\u0000') || value.includes('\u0000')) {
      throw badRequest(`The search parameter '${rawName}' contains a NUL character`, rawName);
    }
    const [name, modifier] = splitOnce(rawName, ':');
    if (resultParams.has(name)) {
      applyResultParam(request, name, modifier, value);
      continue;
    }
    const filter = parseFilter(resourceType, rawName, value, options);
    if (filter) request.filters.push(filter);
    if (request.filters.length > MAX_FILTERS) {
      throw badRequest(`A search takes at most ${MAX_FILTERS} filter parameters`, rawName);
    }
  }
  return request;
}

function applyResultParam(request: SearchRequest, name: string, modifier: string | undefined, value: string): void {
  switch (name) {
    case '_count': {
      const n = Number(value);
      if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw badRequest(`_count must be a whole number`, '_count');
      request.count = Math.min(n, MAX_COUNT);
      return;
    }
    case '_sort':
      request.sort = value.split(',').map((s) => parseSort(request.resourceType, s.trim()));
      if (request.sort.length > MAX_SORT_KEYS) throw badRequest(`_sort takes at most ${MAX_SORT_KEYS} keys`, '_sort');
      return;
    case '_total':
      if (value === 'none') request.total = 'none';
      else if (value === 'accurate' || value === 'estimate') request.total = 'accurate';
      else throw badRequest(`_total must be none, estimate or accurate`, '_total');
      return;
    case '_summary':
      if (!['count', 'true', 'text', 'data', 'false'].includes(value)) {
        throw badRequest(`_summary must be one of count, true, text, data, false`, '_summary');
      }
      request.summary = value as SearchRequest['summary'];
      return;
    case '_elements':
      request.elements = value.split(',').map((e) => e.trim()).filter(Boolean);
      if (request.elements.some((e) => !/^[A-Za-z][A-Za-z0-9]*(\[x\])?$/.test(e))) {
        throw badRequest(`_elements lists top-level element names`, '_elements');
      }
      return;
    case '_include':
    case '_revinclude': {
      if (modifier !== undefined && modifier !== 'iterate' && modifier !== 'recurse') {
        throw badRequest(`Unknown modifier :${modifier} on ${name}`, name);
      }
      const rule = parseInclude(name, value, modifier !== undefined);
      (name === '_include' ? request.include : request.revinclude).push(rule);
      if (request.include.length + request.revinclude.length > MAX_INCLUDES) {
        throw badRequest(`A search takes at most ${MAX_INCLUDES} _include and _revinclude rules`, name);
      }
      return;
    }
    case '_cursor':
      request.cursor = decodeCursor(value);
      return;
    default:
      return; // _format, _pretty: JSON is the only format and output is always compact
  }
}

function parseSort(resourceType: string, raw: string): SortRule {
  const descending = raw.startsWith('-');
  const code = descending ? raw.slice(1) : raw;
  if (code === '_id') return { code, indexType: 'id', descending };
  if (code === '_lastUpdated') return { code, indexType: 'lastUpdated', descending };
  const def = getSearchParameter(resourceType, code);
  if (!def || !isIndexType(def.type)) {
    throw badRequest(`Cannot sort ${resourceType} by '${code}': not a search parameter of ${resourceType}`, '_sort');
  }
  return { code, indexType: def.type, descending };
}

function parseInclude(name: string, value: string, iterate: boolean): IncludeRule {
  const [sourceType, param, targetType, extra] = value.split(':');
  if (extra !== undefined || !sourceType || !param) {
    throw badRequest(`${name} must be Type:parameter or Type:parameter:TargetType`, name);
  }
  if (!isResourceType(sourceType)) throw badRequest(`Unknown resource type '${sourceType}' in ${name}`, name);
  if (param !== '*') {
    const def = getSearchParameter(sourceType, param);
    if (!def || def.type !== 'reference') {
      throw badRequest(`'${param}' is not a reference search parameter of ${sourceType}`, name);
    }
    if (targetType !== undefined && !def.targets.includes(targetType)) {
      throw badRequest(`${sourceType}:${param} cannot point at ${targetType}`, name);
    }
  } else if (targetType !== undefined && !isResourceType(targetType)) {
    throw badRequest(`Unknown resource type '${targetType}' in ${name}`, name);
  }
  return { sourceType, param, targetType, iterate };
}

function parseFilter(
  resourceType: string,
  rawName: string,
  value: string,
  options: ParseOptions,
): SearchFilter | undefined {
  const dot = rawName.indexOf('.');
  if (dot >= 0) return parseChain(resourceType, rawName.slice(0, dot), rawName.slice(dot + 1), value, options);

  const [code, modifier] = splitOnce(rawName, ':');
  if (code === '_id') {
    if (modifier !== undefined) throw badRequest(`Modifier :${modifier} is not supported on _id`, rawName);
    return { kind: 'id', values: splitValues(value) };
  }
  if (code === '_lastUpdated') {
    if (modifier !== undefined) throw badRequest(`Modifier :${modifier} is not supported on _lastUpdated`, rawName);
    return { kind: 'lastUpdated', values: splitValues(value).map((v) => parseDate(v, rawName)) };
  }
  const def = getSearchParameter(resourceType, code);
  if (!def || !isIndexType(def.type)) {
    if (options.lenient) return undefined;
    throw badRequest(`Unknown search parameter '${code}' for ${resourceType}`, rawName);
  }
  if (modifier === 'missing') {
    if (value !== 'true' && value !== 'false') throw badRequest(`:missing takes true or false`, rawName);
    return { kind: 'missing', code, indexType: def.type, missing: value === 'true' };
  }
  return { kind: 'param', code, condition: parseCondition(def, modifier, value, rawName) };
}

function parseChain(
  resourceType: string,
  head: string,
  rest: string,
  value: string,
  options: ParseOptions,
): SearchFilter | undefined {
  const [code, typeModifier] = splitOnce(head, ':');
  const def = getSearchParameter(resourceType, code);
  if (!def || def.type !== 'reference') {
    if (options.lenient) return undefined;
    throw badRequest(`'${code}' is not a reference search parameter of ${resourceType}, so '${head}.${rest}' cannot be chained`, `${head}.${rest}`);
  }
  if (rest.includes('.')) throw badRequest(`Only one level of chaining is supported`, `${head}.${rest}`);
  let candidates = def.targets;
  if (typeModifier !== undefined) {
    if (!def.targets.includes(typeModifier)) {
      throw badRequest(`${resourceType}.${code} cannot point at ${typeModifier}`, head);
    }
    candidates = [typeModifier];
  }
  const innerName = rest;
  const [innerCode] = splitOnce(innerName, ':');
  const targets = candidates.filter(
    (t) => isResourceType(t) && (innerCode === '_id' || innerCode === '_lastUpdated' || getSearchParameter(t, innerCode)),
  );
  if (targets.length === 0) {
    if (options.lenient) return undefined;
    throw badRequest(`No target of ${resourceType}.${code} has a search parameter '${innerCode}'`, `${head}.${rest}`);
  }
  if (targets.length > 1) {
    throw badRequest(
      `${resourceType}.${code} can point at ${targets.join(', ')}: name one, e.g. ${code}:${targets[0]}.${rest}`,
      `${head}.${rest}`,
    );
  }
  const filter = parseFilter(targets[0], innerName, value, { lenient: false });
  if (!filter) return undefined;
  return { kind: 'chain', code, targetType: targets[0], filter };
}

function parseCondition(def: SearchParamDef, modifier: string | undefined, value: string, name: string): ParamCondition {
  const values = splitValues(value);
  const refuseModifier = (): never => {
    throw badRequest(`Modifier :${modifier} is not supported on ${def.type} parameter '${def.code}'`, name);
  };
  switch (def.type) {
    case 'string':
      if (modifier !== undefined && modifier !== 'exact' && modifier !== 'contains') refuseModifier();
      return { type: 'string', modifier: modifier as 'exact' | 'contains' | undefined, values };
    case 'token':
      if (modifier !== undefined && modifier !== 'not' && modifier !== 'text') refuseModifier();
      return {
        type: 'token',
        modifier: modifier as 'not' | 'text' | undefined,
        values: modifier === 'text' ? values.map((v) => ({ code: v })) : values.map(parseToken),
      };
    case 'date':
      if (modifier !== undefined) refuseModifier();
      return { type: 'date', values: values.map((v) => parseDate(v, name)) };
    case 'number':
      if (modifier !== undefined) refuseModifier();
      return { type: 'number', values: values.map((v) => parseNumber(v, name, false)) };
    case 'quantity':
      if (modifier !== undefined) refuseModifier();
      return { type: 'quantity', values: values.map((v) => parseNumber(v, name, true)) };
    case 'reference': {
      if (modifier !== undefined && !def.targets.includes(modifier)) refuseModifier();
      return { type: 'reference', values: values.map((v) => parseReference(v, modifier, def, name)) };
    }
    case 'uri':
      if (modifier !== undefined && modifier !== 'below' && modifier !== 'above') refuseModifier();
      return { type: 'uri', modifier: modifier as 'below' | 'above' | undefined, values };
    default:
      throw badRequest(`Search parameter '${def.code}' of type ${def.type} is not supported`, name);
  }
}

function parseToken(v: string): TokenValue {
  const parts = splitEscaped(v, '|');
  if (parts.length === 1) return { code: unescape(parts[0]) };
  const [system, code] = parts.map(unescape);
  return { system: system === '' ? null : system, code: code === '' ? undefined : code };
}

const prefixes: ReadonlySet<string> = new Set(['eq', 'ne', 'gt', 'lt', 'ge', 'le', 'sa', 'eb', 'ap']);

function splitPrefix(v: string): [Prefix, string] {
  const head = v.slice(0, 2);
  return prefixes.has(head) ? [head as Prefix, v.slice(2)] : ['eq', v];
}

function parseDate(v: string, name: string): DateValue {
  const [prefix, rest] = splitPrefix(v);
  const range = dateRange(rest);
  if (!range) throw badRequest(`'${v}' is not a valid date for ${name} (use YYYY, YYYY-MM, YYYY-MM-DD or a dateTime)`, name);
  return { prefix, ...range };
}

function parseNumber(v: string, name: string, quantity: boolean): NumberValue {
  const parts = quantity ? splitEscaped(v, '|').map(unescape) : [v];
  if (parts.length !== 1 && parts.length !== 3) {
    throw badRequest(`'${v}' is not a valid quantity for ${name} (number, or number|system|code)`, name);
  }
  const [prefix, num] = splitPrefix(parts[0]);
  const range = numberRange(num);
  if (!range) throw badRequest(`'${v}' is not a valid number for ${name}`, name);
  const result: NumberValue = { prefix, value: num, ...range };
  if (parts.length === 3) {
    if (parts[1] !== '') result.system = parts[1];
    if (parts[2] !== '') result.code = parts[2];
  }
  return result;
}

function parseReference(v: string, typeModifier: string | undefined, def: SearchParamDef, name: string): ReferenceValue {
  if (/^[a-z][a-z0-9+.-]*:/i.test(v)) return { url: v };
  const withoutVersion = v.replace(/\/_history\/[^/]+$/, '');
  const parts = withoutVersion.split('/');
  if (parts.length === 1) {
    if (!isId(parts[0])) throw badRequest(`'${v}' is not a valid reference for ${name}`, name);
    return { id: parts[0], targetType: typeModifier };
  }
  if (parts.length === 2 && isId(parts[1])) {
    const [targetType, id] = parts;
    if (!isResourceType(targetType) || !def.targets.includes(targetType)) {
      throw badRequest(`${def.code} cannot point at '${targetType}'`, name);
    }
    if (typeModifier !== undefined && typeModifier !== targetType) {
      throw badRequest(`'${v}' contradicts the :${typeModifier} modifier`, name);
    }
    return { targetType, id };
  }
  throw badRequest(`'${v}' is not a valid reference for ${name}`, name);
}

function isId(s: string): boolean {
  return /^[A-Za-z0-9\-.]{1,64}$/.test(s);
}

function isIndexType(t: string): t is IndexType {
  return ['string', 'token', 'date', 'number', 'quantity', 'reference', 'uri'].includes(t);
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

/** Splits on a separator not escaped with a backslash; escapes are kept for the caller to remove. */
function splitEscaped(s: string, sep: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length) {
      current += c + s[i + 1];
      i++;
    } else if (c === sep) {
      out.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  out.push(current);
  return out;
}

function unescape(s: string): string {
  return s.replace(/\\([\\,|$])/g, '$1');
}

/** Comma-separated alternatives; `\,` is a literal comma. Token values keep `\|` for their own split. */
function splitValues(value: string): string[] {
  return splitEscaped(value, ',').map((v) => v.replace(/\\([\\,$])/g, '$1'));
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.direction === 'next' ? 'n' : 'p', cursor.keys, cursor.id])).toString(
    'base64url',
  );
}

function decodeCursor(value: string): Cursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 3 &&
      (parsed[0] === 'n' || parsed[0] === 'p') &&
      Array.isArray(parsed[1]) &&
      parsed[1].every((k: unknown) => k === null || (typeof k === 'string' && !k.includes('\u0000'))) &&
      typeof parsed[2] === 'string' &&
      !parsed[2].includes('\u0000')
    ) {
      return { direction: parsed[0] === 'n' ? 'next' : 'previous', keys: parsed[1] as (string | null)[], id: parsed[2] };
    }
  } catch {
    // fall through: a cursor we did not write
  }
  throw badRequest(`_cursor is not a page link this server wrote`, '_cursor');
}
