import type { Queryable } from './database.js';
import { SqlParams } from './sql.js';

/**
 * Every current resource that points at `targetType/targetId` through a search parameter (the reference
 * index), as `Type/id`, sorted, leaving out the types given. Rows exist only for current, non-deleted
 * versions. For moving a patient's records to another: no access rule applies, the caller decides.
 */
export async function resourcesReferencing(db: Queryable, targetType: string, targetId: string, excludeTypes: readonly string[]): Promise<string[]> {
  const p = new SqlParams();
  const sql =
    `SELECT DISTINCT resource_type, resource_id FROM sp_reference` +
    ` WHERE target_id = ${p.add(targetId)} AND target_type = ${p.add(targetType)} AND NOT (resource_type = ANY(${p.add(excludeTypes, 'text[]')}))` +
    ` ORDER BY resource_type, resource_id`;
  const rows = (await db.query<{ resource_type: string; resource_id: string }>(sql, p.values)).rows;
  return rows.map((r) => `${r.resource_type}/${r.resource_id}`);
}
