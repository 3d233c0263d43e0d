import { emptyIndexRows, type IndexRows } from '../fhir/search/index-rows.js';
import { extractIndexRows } from '../fhir/search/extract.js';
import type { Queryable } from './database.js';
import { replaceIndexRows } from './resource-writes.js';
import { SqlParams } from './sql.js';

const RESOURCES_PER_STATEMENT = 500;

/**
 * Computes again the index rows of some search parameters for every current resource of a type: a
 * SearchParameter added after resources were written (Patient `name-key`, `phone-key`) indexes new
 * versions only, until this runs. Page by page in id order, each page one statement, so it may run while
 * the server writes (a resource written meanwhile is indexed by its own write). Returns how many it read.
 */
export async function reindexParameters(db: Queryable, resourceType: string, params: string[]): Promise<number> {
  let after = '';
  let total = 0;
  for (;;) {
    const p = new SqlParams();
    const sql = `SELECT id, content FROM resource WHERE resource_type = ${p.add(resourceType)} AND NOT deleted AND id > ${p.add(after)}
      ORDER BY id LIMIT ${RESOURCES_PER_STATEMENT}`;
    const rows = (await db.query<{ id: string; content: string }>(sql, p.values)).rows;
    if (rows.length === 0) return total;
    const indexed = rows.map((row) => ({ resourceType, id: row.id, index: only(extractIndexRows(JSON.parse(row.content)), params) }));
    await replaceIndexRows(db, indexed, params);
    total += rows.length;
    after = rows[rows.length - 1].id;
  }
}

function only(rows: IndexRows, params: string[]): IndexRows {
  const kept = emptyIndexRows();
  for (const kind of Object.keys(rows) as (keyof IndexRows)[]) {
    (kept[kind] as { param: string }[]) = (rows[kind] as { param: string }[]).filter((row) => params.includes(row.param));
  }
  return kept;
}
