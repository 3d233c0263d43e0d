import type { Queryable } from '../../../server/store/database.js';
import { TRANSACTION_MARKER, WRITE_MARKER, type WriteLedger } from './write-workload.js';

/**
 * What the database holds, checked in SQL against what the clients were told (the ledger) and against itself.
 * Every list and count is a fault when not empty or not zero.
 */
export interface IntegrityReport {
  /** acknowledged Patient versions checked */
  acknowledgedChecked: number;
  /** Patients whose acknowledged version is not stored (or whose row is gone, or older) */
  acknowledgedMissing: string[];
  /** write markers found on more than one current Patient: one create stored twice */
  duplicateCreates: string[];
  /** creates and updates refused with an answer that were stored anyway */
  refusedButStored: string[];
  transactionsComplete: number;
  transactionsAbsent: number;
  /** transactions with some but not all of their versions stored */
  transactionsPartial: string[];
  /** acknowledged transactions not stored in full */
  transactionsAcknowledgedMissing: string[];
  /** current rows without the history row of the same version, content and deletion flag */
  historyMismatches: number;
  /** resources whose history is not exactly versions 1…current, or history rows without a resource */
  versionGaps: number;
  /** search-index rows of resources that do not exist or are deleted */
  orphanIndexRows: number;
  /** Patient family-name index rows that do not match the current version */
  staleIndexRows: number;
  /** current Patients whose family-name or identifier index rows do not match their content one for one */
  missingIndexRows: number;
}

const indexTables = ['sp_string', 'sp_token', 'sp_date', 'sp_number', 'sp_quantity', 'sp_reference', 'sp_uri'];

export async function checkIntegrity(db: Queryable, ledger: WriteLedger): Promise<IntegrityReport> {
  const acked = [...ledger.acknowledged.entries()];
  const missing = await db.query<{ id: string }>(
    `SELECT u.id FROM unnest($1::text[], $2::bigint[], $3::text[]) AS u(id, v, family)
     LEFT JOIN resource r ON r.resource_type = 'Patient' AND r.id = u.id
     LEFT JOIN resource_history h ON h.resource_type = 'Patient' AND h.id = u.id AND h.version_id = u.v
     WHERE r.id IS NULL OR r.deleted OR r.version_id < u.v OR h.id IS NULL
        OR position('"family":"' || u.family || '"' IN h.content) = 0`,
    [acked.map(([id]) => id), acked.map(([, a]) => a.versionId), acked.map(([, a]) => a.family)],
  );

  const stored = await markerCounts(db, 'resource', WRITE_MARKER, `${ledger.run}-%`);
  const duplicateCreates = [...stored].filter(([, n]) => n > 1).map(([marker]) => marker);
  const refusedCreates = [...ledger.creates].filter(([marker, status]) => status >= 300 && stored.has(marker)).map(([m]) => m);
  const refusedUpdates = await db.query<{ family: string }>(
    `SELECT u.family FROM unnest($1::text[]) AS u(family)
     WHERE EXISTS (SELECT 1 FROM resource_history h WHERE h.resource_type = 'Patient'
                   AND position('"family":"' || u.family || '"' IN h.content) > 0)`,
    [ledger.refusedFamilies],
  );

  const transactionVersions = await markerCounts(db, 'resource_history', TRANSACTION_MARKER, '%');
  let transactionsComplete = 0;
  let transactionsAbsent = 0;
  const transactionsPartial: string[] = [];
  const transactionsAcknowledgedMissing: string[] = [];
  for (const [txn, { size, status }] of ledger.transactions) {
    const n = transactionVersions.get(txn) ?? 0;
    if (n === size) transactionsComplete++;
    else if (n === 0) transactionsAbsent++;
    else transactionsPartial.push(`${txn}: ${n} of ${size}`);
    if (status >= 200 && status < 300 && n !== size) transactionsAcknowledgedMissing.push(txn);
    if (status >= 300 && n > 0) refusedCreates.push(`transaction ${txn}`);
  }

  return {
    acknowledgedChecked: acked.length,
    acknowledgedMissing: missing.rows.map((r) => r.id),
    duplicateCreates,
    refusedButStored: [...refusedCreates, ...refusedUpdates.rows.map((r) => r.family)],
    transactionsComplete,
    transactionsAbsent,
    transactionsPartial,
    transactionsAcknowledgedMissing,
    historyMismatches: await count(
      db,
      `SELECT count(*) FROM resource r LEFT JOIN resource_history h USING (resource_type, id, version_id)
       WHERE h.id IS NULL OR h.deleted <> r.deleted OR h.content IS DISTINCT FROM r.content`,
    ),
    versionGaps: await count(
      db,
      `SELECT count(*) FROM (SELECT resource_type, id, count(*) AS n, max(version_id) AS top FROM resource_history GROUP BY 1, 2) h
       LEFT JOIN resource r USING (resource_type, id)
       WHERE r.id IS NULL OR h.n <> r.version_id OR h.top <> r.version_id`,
    ),
    orphanIndexRows: await count(
      db,
      `SELECT ${indexTables
        .map(
          (t) => `(SELECT count(*) FROM ${t} s LEFT JOIN resource r ON r.resource_type = s.resource_type AND r.id = s.resource_id
                   WHERE r.id IS NULL OR r.deleted)`,
        )
        .join(' + ')}`,
    ),
    staleIndexRows: await count(
      db,
      `SELECT count(*) FROM sp_string s JOIN resource r ON r.resource_type = s.resource_type AND r.id = s.resource_id
       WHERE s.resource_type = 'Patient' AND s.param = 'family' AND position('"family":"' || s.exact || '"' IN r.content) = 0`,
    ),
    missingIndexRows: await count(
      db,
      `SELECT count(*) FROM resource r WHERE r.resource_type = 'Patient' AND NOT r.deleted AND (
         (SELECT count(*) FROM sp_string s WHERE s.resource_type = 'Patient' AND s.resource_id = r.id AND s.param = 'family')
           <> jsonb_array_length(r.content::jsonb -> 'name')
         OR (SELECT count(*) FROM sp_token t WHERE t.resource_type = 'Patient' AND t.resource_id = r.id AND t.param = 'identifier')
           <> jsonb_array_length(r.content::jsonb -> 'identifier'))`,
    ),
  };
}

/** How many rows of `table` (current Patients or their history) carry each value of the marker `system`. */
async function markerCounts(db: Queryable, table: 'resource' | 'resource_history', system: string, like: string): Promise<Map<string, number>> {
  const result = await db.query<{ value: string; n: number }>(
    `SELECT i ->> 'value' AS value, count(*)::int AS n
     FROM ${table} r CROSS JOIN LATERAL jsonb_array_elements(r.content::jsonb -> 'identifier') AS i
     WHERE r.resource_type = 'Patient' AND r.content IS NOT NULL ${table === 'resource' ? 'AND NOT r.deleted' : ''}
       AND i ->> 'system' = $1 AND i ->> 'value' LIKE $2
     GROUP BY 1`,
    [system, like],
  );
  return new Map(result.rows.map((r) => [r.value, r.n]));
}

async function count(db: Queryable, sql: string): Promise<number> {
  const result = await db.query<{ count: string | number }>(sql);
  return Number(Object.values(result.rows[0])[0]);
}

/** The report without its figures: what must be empty, for one `expect(...).toEqual(...)` that names the faults. */
export function faults(report: IntegrityReport): Partial<IntegrityReport> {
  const { acknowledgedChecked: _a, transactionsComplete: _c, transactionsAbsent: _t, ...rest } = report;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => (Array.isArray(v) ? v.length > 0 : v !== 0)));
}
