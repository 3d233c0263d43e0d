import type { ScopeGrant } from './policy.js';

type Verb = 'read' | 'search' | 'create' | 'update' | 'delete';

/**
 * SMART scopes → what they allow. v1: `system/Patient.read` (read + search), `.write` (create, update,
 * delete), `.*`; v2: `system/Patient.cruds` letters (c create, r read, u update, d delete, s search), with an
 * optional `?param=value` restriction, which Hiwa does not grant (such a scope is ignored rather than widened).
 * Only `system/` scopes apply to backend clients; anything else is ignored.
 */
export function parseSmartScopes(scopes: string[]): ScopeGrant[] {
  const grants: ScopeGrant[] = [];
  for (const scope of scopes) {
    const m = /^system\/(\*|[A-Z][A-Za-z]+)\.([a-z*]+)$/.exec(scope);
    if (!m) continue;
    const [, resourceType, access] = m;
    const verbs = verbsOf(access);
    if (verbs.size > 0) grants.push({ resourceType, interactions: verbs });
  }
  return grants;
}

function verbsOf(access: string): Set<Verb> {
  if (access === 'read') return new Set(['read', 'search']);
  if (access === 'write') return new Set(['create', 'update', 'delete']);
  if (access === '*') return new Set(['read', 'search', 'create', 'update', 'delete']);
  // v2: letters in the order c r u d s, each at most once
  if (!/^c?r?u?d?s?$/.test(access) || access.length === 0) return new Set();
  const letters: Record<string, Verb> = { c: 'create', r: 'read', u: 'update', d: 'delete', s: 'search' };
  return new Set([...access].map((l) => letters[l]));
}

/** The resource types a set of scopes reaches, or '*' for all. */
export function scopedTypes(scopes: string[]): '*' | string[] {
  const grants = parseSmartScopes(scopes);
  if (grants.some((g) => g.resourceType === '*')) return '*';
  return [...new Set(grants.map((g) => g.resourceType))];
}
