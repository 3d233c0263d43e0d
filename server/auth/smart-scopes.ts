/**
 * SMART on FHIR resource scopes, pure. v1 syntax: `system/Patient.read` (read + search), `.write`
 * (create + update + delete), `.*`; v2 syntax: `system/Patient.rs` with letters from `cruds` in that order,
 * optionally narrowed by a query (`system/Observation.rs?category=survey`). Other scopes (`openid`,
 * `launch`, ...) are not resource scopes and parse to undefined.
 */
export const scopeInteractions = ['create', 'read', 'update', 'delete', 'search'] as const;
export type ScopeInteraction = (typeof scopeInteractions)[number];
export type ScopeContext = 'system' | 'user' | 'patient';

export interface ResourceScope {
  context: ScopeContext;
  /** a resource type, or '*' for every type */
  resourceType: string;
  /** in `cruds` order, never empty */
  interactions: ScopeInteraction[];
  /** v2 only: the search the scope is restricted to (without '?'); undefined = every resource of the type */
  query?: string;
  syntax: 'v1' | 'v2';
}

const letters: Record<string, ScopeInteraction> = { c: 'create', r: 'read', u: 'update', d: 'delete', s: 'search' };
const v1Actions: Record<string, ScopeInteraction[]> = {
  read: ['read', 'search'],
  write: ['create', 'update', 'delete'],
  '*': [...scopeInteractions],
};
const scopePattern = /^(system|user|patient)\/(\*|[A-Z][A-Za-z]{0,63})\.([a-z*]{1,5})(?:\?(.+))?$/;

export function parseScope(text: string): ResourceScope | undefined {
  const m = scopePattern.exec(text);
  if (!m) return undefined;
  const [, context, resourceType, action, query] = m as unknown as [string, ScopeContext, string, string, string | undefined];
  const v1 = v1Actions[action];
  if (v1 && query === undefined) return { context, resourceType, interactions: v1, syntax: 'v1' };
  if (!/^c?r?u?d?s?$/.test(action)) return undefined; // v2 letters must be in `cruds` order, each at most once
  const interactions = [...action].map((l) => letters[l] as ScopeInteraction);
  return { context, resourceType, interactions, syntax: 'v2', ...(query !== undefined ? { query } : {}) };
}

/** Every resource scope in a space-separated scope string (or list); anything else is skipped. */
export function parseScopes(scopes: string | readonly string[]): ResourceScope[] {
  const list = typeof scopes === 'string' ? scopes.split(/\s+/) : scopes;
  return list.map((s) => parseScope(s)).filter((s): s is ResourceScope => s !== undefined);
}

/**
 * Whether unrestricted scopes allow `interaction` on every resource of `resourceType`. Scopes narrowed by
 * a query do not count here: they allow only the resources their query matches, which the caller must add
 * to the search.
 */
export function scopesAllow(scopes: readonly ResourceScope[], resourceType: string, interaction: ScopeInteraction): boolean {
  return scopes.some(
    (s) => s.query === undefined && (s.resourceType === '*' || s.resourceType === resourceType) && s.interactions.includes(interaction),
  );
}

export function formatScope(scope: ResourceScope): string {
  const base = `${scope.context}/${scope.resourceType}.`;
  if (scope.syntax === 'v1' && scope.query === undefined) {
    for (const [action, set] of Object.entries(v1Actions)) {
      if (sameInteractions(set, scope.interactions)) return base + action;
    }
  }
  const action = scope.interactions.map((i) => i[0]).join('');
  return base + action + (scope.query !== undefined ? `?${scope.query}` : '');
}

/**
 * The scopes a system client gets: what it asked for, cut down to what it is allowed. Each granted scope is
 * the overlap of one requested and one allowed scope, written in the syntax the client used (v2 when v1
 * cannot say it, e.g. read without search). Only `system/` scopes are granted, and only unrestricted ones:
 * access rules do not apply a scope's query, so granting `system/Observation.rs?category=survey` would
 * promise what every request then refuses.
 */
export function grantScopes(requested: string | readonly string[], allowed: readonly string[]): string[] {
  const allowedScopes = parseScopes(allowed).filter((s) => s.context === 'system');
  const granted = new Set<string>();
  for (const want of parseScopes(requested)) {
    if (want.context !== 'system') continue;
    for (const may of allowedScopes) {
      const overlap = intersect(want, may);
      if (overlap) granted.add(formatScope(overlap));
    }
  }
  return [...granted];
}

function intersect(want: ResourceScope, may: ResourceScope): ResourceScope | undefined {
  if (want.query !== undefined || may.query !== undefined) return undefined; // narrowed scopes are never granted
  const resourceType =
    want.resourceType === '*' ? may.resourceType : may.resourceType === '*' || may.resourceType === want.resourceType ? want.resourceType : undefined;
  if (!resourceType) return undefined;
  const interactions = scopeInteractions.filter((i) => want.interactions.includes(i) && may.interactions.includes(i));
  if (interactions.length === 0) return undefined;
  return { context: 'system', resourceType, interactions, syntax: want.syntax };
}

function sameInteractions(a: readonly ScopeInteraction[], b: readonly ScopeInteraction[]): boolean {
  return a.length === b.length && a.every((i) => b.includes(i));
}
