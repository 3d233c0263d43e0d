import { pauseEvery } from '../event-loop.js';
import type { IndexRows } from '../fhir/search/index-rows.js';
import type { RecordedBeneficiaryFacts } from '../reports/beneficiary-facts.js';
import type { Queryable } from './database.js';
import { factWrites } from './fact-writes.js';
import { prepared, SqlParams } from './sql.js';

/** One new version of one resource, ready to store: everything derived has been computed by the caller. */
export interface VersionWrite {
  resourceType: string;
  id: string;
  versionId: number;
  lastUpdated: string;
  deleted: boolean;
  /** the JSON served for this version; null for a deletion */
  content: string | null;
  /** search-index rows of this version; null for a deletion */
  index: IndexRows | null;
  patientIds: string[];
  /**
   * The patients the version this one replaces belonged to. Access state derived from that version (a
   * Consent's, a case's) must be worked out again for them too, when an update names another patient.
   */
  replacedPatientIds?: string[];
  organizationId: string | null;
  security: string[];
  /** a Patient's disaggregation facts (beneficiary_fact) */
  beneficiary?: RecordedBeneficiaryFacts;
  /** the interaction that made this version and its answer, as history reports them; absent for the server's own */
  request?: { method: 'POST' | 'PUT' | 'DELETE'; status: number };
}

const SEP = '\u001f'; // joins per-row arrays into one text value, since unnest cannot take arrays of arrays

/**
 * Stores many versions, a few hundred per statement: current rows (insert or replace), history rows, and the
 * search index (old rows of these resources removed, new ones added). Data-modifying CTEs all see the snapshot from
 * before the statement, so removing and re-adding index rows of the same resource in one go is safe.
 * The caller has checked versions (If-Match) under a row lock; a resource appears at most once per call.
 */
export async function writeVersions(db: Queryable, writes: VersionWrite[]): Promise<void> {
  // In slices, so that a large transaction's statement and its parameters (every document and index value,
  // escaped into array literals) never sit in memory all at once; the caller's transaction keeps it atomic.
  // The embedded database runs each statement on this thread: other requests get their turn between slices.
  const pause = pauseEvery();
  for (let start = 0; start < writes.length; start += WRITES_PER_STATEMENT) {
    await pause();
    await writeSlice(db, writes.slice(start, start + WRITES_PER_STATEMENT));
  }
}

/** Big enough that a statement's fixed cost is spread thin, small enough that its parameters stay a few MB. */
const WRITES_PER_STATEMENT = 500;

async function writeSlice(db: Queryable, writes: VersionWrite[]): Promise<void> {
  const p = new SqlParams();
  const ctes: string[] = [];
  const col = <T>(pick: (w: VersionWrite) => T, cast: string): string => p.add(writes.map(pick), cast);

  const current = [
    col((w) => w.resourceType, 'text[]'),
    col((w) => w.id, 'text[]'),
    col((w) => w.versionId, 'bigint[]'),
    col((w) => w.lastUpdated, 'timestamptz[]'),
    col((w) => w.deleted, 'boolean[]'),
    col((w) => w.content, 'text[]'),
  ];
  ctes.push(
    `cur AS (INSERT INTO resource (resource_type, id, version_id, last_updated, deleted, content, organization_id, patient_ids, security)
      SELECT u.t, u.i, u.v, u.l, u.d, u.c, u.o, string_to_array(u.p, E'\\x1f'), string_to_array(u.s, E'\\x1f')
      FROM unnest(${current.join(', ')}, ${col((w) => w.organizationId, 'text[]')}, ${col((w) => w.patientIds.join(SEP), 'text[]')}, ${col((w) => w.security.join(SEP), 'text[]')}) AS u(t, i, v, l, d, c, o, p, s)
      ON CONFLICT (resource_type, id) DO UPDATE SET version_id = EXCLUDED.version_id, last_updated = EXCLUDED.last_updated,
        deleted = EXCLUDED.deleted, content = EXCLUDED.content, organization_id = EXCLUDED.organization_id,
        patient_ids = EXCLUDED.patient_ids, security = EXCLUDED.security)`,
  );
  ctes.push(
    `hist AS (INSERT INTO resource_history (resource_type, id, version_id, last_updated, deleted, content, request_method, response_status)
      SELECT * FROM unnest(${current.join(', ')}, ${col((w) => w.request?.method ?? null, 'text[]')}, ${col((w) => w.request?.status ?? null, 'smallint[]')}))`,
  );

  const replaced = writes.filter((w) => w.versionId > 1);
  if (replaced.length > 0) {
    const ids = p.add(replaced.map((w) => w.id), 'text[]');
    const types = p.add(replaced.map((w) => w.resourceType), 'text[]');
    for (const table of indexTables) {
      ctes.push(
        `del_${table} AS (DELETE FROM ${table} WHERE (resource_id, resource_type) IN (SELECT * FROM unnest(${ids}, ${types})))`,
      );
    }
  }

  addIndexInserts(ctes, p, writes);
  ctes.push(...factWrites(p, writes));
  // a text for each combination of index tables and facts written: few enough to prepare
  await db.query(prepared(`WITH ${ctes.join(',\n')} SELECT 1`, p.values));
}

const indexTables = ['sp_string', 'sp_token', 'sp_date', 'sp_number', 'sp_quantity', 'sp_reference', 'sp_uri'] as const;

/** Column lists of each index table after (resource_type, resource_id, param), with their SQL types. */
const indexColumns: { [K in keyof IndexRows]: [string, string, (row: IndexRows[K][number]) => unknown][] } = {
  string: [
    ['value', 'text', (r) => r.value],
    ['exact', 'text', (r) => r.exact],
  ],
  token: [
    ['system', 'text', (r) => r.system],
    ['code', 'text', (r) => r.code],
    ['text', 'text', (r) => r.text],
  ],
  date: [
    ['low', 'timestamptz', (r) => r.low],
    ['high', 'timestamptz', (r) => r.high],
  ],
  number: [
    ['low', 'numeric', (r) => r.low],
    ['high', 'numeric', (r) => r.high],
    ['value', 'numeric', (r) => r.value],
  ],
  quantity: [
    ['low', 'numeric', (r) => r.low],
    ['high', 'numeric', (r) => r.high],
    ['value', 'numeric', (r) => r.value],
    ['system', 'text', (r) => r.system],
    ['code', 'text', (r) => r.code],
  ],
  reference: [
    ['target_type', 'text', (r) => r.targetType],
    ['target_id', 'text', (r) => r.targetId],
    ['target_url', 'text', (r) => r.targetUrl],
  ],
  uri: [['value', 'text', (r) => r.value]],
};

/**
 * Replaces the rows of some search parameters of current resources, leaving their other rows and their
 * versions alone: for a parameter added after they were written (`reindex.ts`).
 */
export async function replaceIndexRows(db: Queryable, resources: IndexedResource[], params: string[]): Promise<void> {
  if (resources.length === 0) return;
  const p = new SqlParams();
  const ctes: string[] = [];
  const ids = p.add(resources.map((r) => r.id), 'text[]');
  const types = p.add(resources.map((r) => r.resourceType), 'text[]');
  const names = p.add(params, 'text[]');
  for (const table of indexTables) {
    ctes.push(
      `del_${table} AS (DELETE FROM ${table} WHERE (resource_id, resource_type) IN (SELECT * FROM unnest(${ids}, ${types})) AND param = ANY(${names}))`,
    );
  }
  addIndexInserts(ctes, p, resources);
  await db.query(`WITH ${ctes.join(',\n')} SELECT 1`, p.values);
}

type IndexedResource = Pick<VersionWrite, 'resourceType' | 'id' | 'index'>;

function addIndexInserts(ctes: string[], p: SqlParams, writes: IndexedResource[]): void {
  for (const kind of Object.keys(indexColumns) as (keyof IndexRows)[]) {
    const owners: IndexedResource[] = [];
    const rows: { param: string }[] = [];
    for (const w of writes) {
      for (const row of w.index?.[kind] ?? []) {
        owners.push(w);
        rows.push(row);
      }
    }
    if (rows.length === 0) continue;
    const columns = indexColumns[kind] as [string, string, (row: { param: string }) => unknown][];
    const arrays = [
      p.add(owners.map((w) => w.resourceType), 'text[]'),
      p.add(owners.map((w) => w.id), 'text[]'),
      p.add(rows.map((r) => r.param), 'text[]'),
      ...columns.map(([, type, pick]) => p.add(rows.map(pick), `${type}[]`)),
    ];
    ctes.push(
      `ins_${kind} AS (INSERT INTO sp_${kind} (resource_type, resource_id, param, ${columns.map(([c]) => c).join(', ')})
        SELECT * FROM unnest(${arrays.join(', ')}))`,
    );
  }
}
