import type { ScopeGrant } from './policy.js';
import { parseScopes } from './smart-scopes.js';

/**
 * SMART scopes → what they allow, parsed by `parseScopes` (./smart-scopes.ts: v1 `system/Patient.read`, v2
 * `system/Patient.rs`). A scope with a `?param=value` restriction is ignored rather than widened, and only
 * `system/` scopes apply to backend clients.
 */
export function parseSmartScopes(scopes: string[]): ScopeGrant[] {
  return parseScopes(scopes)
    .filter((s) => s.context === 'system' && s.query === undefined)
    .map((s) => ({ resourceType: s.resourceType, interactions: new Set(s.interactions) }));
}

/** The resource types a set of scopes reaches, or '*' for all. */
export function scopedTypes(scopes: string[]): '*' | string[] {
  const grants = parseSmartScopes(scopes);
  if (grants.some((g) => g.resourceType === '*')) return '*';
  return [...new Set(grants.map((g) => g.resourceType))];
}
