import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Resource } from '@medplum/fhirtypes';
import { auditOrganization, buildAuditEvent, type AuditFacts } from '../audit/audit-event.js';
import type { AuditLog } from '../audit/audit-log.js';
import { mayDo, recordsUnderReferral, referralConsultation, type Interaction } from '../auth/policy.js';
import type { Principal } from '../auth/principal.js';
import { owningOrganization, withRegistrationDefaults } from '../clinical/registration-defaults.js';
import { pauseEvery } from '../event-loop.js';
import { badRequest, conflict, FhirError, forbidden, gone, notFound, preconditionFailed } from '../fhir/outcomes.js';
import type { SearchRequest } from '../fhir/search/request.js';
import { scopeRuleFor } from './access-sql.js';
import { lockUntilTransactionEnds } from './advisory-locks.js';
import { readAuditEvent, readAuditHistory } from './audit-reads.js';
import { AUDIT_EVENT } from './audit-search.js';
import { storeAuditRecords, type AuditRecord } from './audit-store.js';
import { TransactionState } from './transaction-state.js';
import { inTransaction, type Queryable } from './database.js';
import { refreshPatientAccess } from './patient-access.js';
import { prepareContent } from './prepare.js';
import { recordUnderReferral } from './referral-access.js';
import type { CopyOut } from './copy-out.js';
import { exportWindowEnds, readExportPage, readRecordPage, type ExportCursor, type ExportPage, type ExportPageQuery, type RecordPage } from './export-reads.js';
import { readCurrent, readHistory, readVersion, type CurrentRow, type HistoryQuery, type HistoryRow } from './resource-reads.js';
import { writeVersions, type VersionWrite } from './resource-writes.js';
import type { ScopeRule } from './search-filters.js';
import { CursorMismatch, runSearch, type SearchPage } from './search-query.js';
import { prepared, SqlParams } from './sql.js';

export interface RepositoryOptions {
  /** the server's clock: injectable so tests can pin time */
  clock?: () => Date;
  /** who is calling; absent = the server itself */
  principal?: Principal;
  /** where read events go; absent = accesses are not audited (the server's own work) */
  audit?: AuditLog;
  /** the caller's network address, for the audit trail */
  sourceAddress?: string;
  /** clinical rules that react to writes (server/clinical), run inside the write's transaction */
  rules?: WriteRule[];
  /** where searches outside a transaction run (a read replica); absent = where everything else runs */
  searchDb?: Queryable;
  /** COPY out of the database the repository reads (a PostgreSQL server's): bulk export pages use it */
  copyOut?: CopyOut;
}

/**
 * A rule that reacts to writes of some resource types. `beforeWrite` may refuse (throw) or amend the
 * resource; `afterWrite` may write more through `repo`, which is bound to the same transaction, so the
 * write and everything it causes commit or fail together.
 */
export interface WriteRule {
  resourceTypes: string[];
  /** `previous` is the current version an update replaces (undefined for a create) */
  beforeWrite?(repo: Repository, resource: Resource, previous: Resource | undefined): Promise<Resource>;
  afterWrite?(repo: Repository, stored: Resource, previous: Resource | undefined): Promise<void>;
}

/** A stored version: the parsed resource and the exact JSON text served for it. */
export interface Stored<T extends Resource = Resource> {
  resource: T;
  content: string;
}

export interface WriteResult<T extends Resource = Resource> extends Stored<T> {
  /** true when this write brought the resource into existence (201), false for a new version (200) */
  created: boolean;
}

export type AuditDetails = Pick<AuditFacts, 'subtype' | 'action'> &
  Partial<Pick<AuditFacts, 'patientIds' | 'resources' | 'query' | 'reason'>> & {
    /** a successful read that names no patient leaves no event (a page of an export with nobody new in it) */
    onlyWithPatients?: boolean;
    /**
     * The success event is stored while the caller goes on, and `settle` is handed the promise of it: for a
     * long read whose results leave only at its end (an export's files), which must await every one first.
     */
    settle?: (stored: Promise<void>) => void;
  };

/** How a page of an export is audited: as what, and in which export's trail. */
export type ExportAudit = Pick<AuditFacts, 'subtype' | 'query'> & { ledger: PatientLedger };

/**
 * The patients a long read (an export) has already named in its AuditEvents, so that each page's event
 * names only those it reads for the first time: one entity per patient and export, not per page and type.
 */
export interface PatientLedger {
  /** those of `ids` not named before, now remembered as named */
  fresh(ids: string[]): string[];
  /** an event of the export being stored (see AuditDetails.settle) */
  settle(stored: Promise<void>): void;
}

const server: Principal = { kind: 'internal', reason: 'server' };
const noScope: ScopeRule = () => undefined;

/**
 * The only way to FHIR data. Every read carries the caller's access rule in its SQL and leaves an
 * AuditEvent; every write is checked, validated, versioned, indexed and audited in one transaction.
 */
export class Repository {
  private readonly clock: () => Date;
  private readonly principal: Principal;
  private readonly scope: ScopeRule;

  constructor(
    private readonly db: pg.Pool | pg.PoolClient,
    private readonly options: RepositoryOptions = {},
    /** set when bound to a transaction: failures to record once it is over */
    private readonly tx?: TransactionState,
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.principal = options.principal ?? server;
    this.scope = scopeRuleFor(this.principal, this.clock);
  }

  /**
   * A repository on a transaction someone else opened (use cases that write accounts and FHIR resources
   * together, as the server itself). Its own `transaction` calls become savepoints.
   */
  static inOpenTransaction(client: pg.PoolClient, options: Omit<RepositoryOptions, 'audit'> = {}): Repository {
    // Whoever opened the transaction commits it; work for the end of it is done at once (see atCommit).
    return new Repository(client, options, new TransactionState(false));
  }

  /**
   * Runs `fn` with a repository bound to one transaction. A nested call joins the transaction under way:
   * a failure inside it fails the whole transaction, as a rule's write fails the write that set it off. Only
   * a caller that goes on after a nested failure (a batch's reads, each answered on its own) asks for
   * `isolated`, a savepoint that undoes just that part; the others spare the database two statements a write.
   */
  async transaction<T>(fn: (repo: Repository) => Promise<T>, options: { isolated?: boolean } = {}): Promise<T> {
    if (this.tx && !options.isolated) return fn(this);
    if (this.tx) {
      const client = this.db as pg.PoolClient;
      const name = `sp_${randomUUID().replace(/-/g, '')}`;
      await client.query(`SAVEPOINT ${name}`);
      return this.tx.undoableWith(async () => {
        try {
          const result = await fn(this);
          await client.query(`RELEASE SAVEPOINT ${name}`);
          return result;
        } catch (err) {
          await client.query(`ROLLBACK TO SAVEPOINT ${name}`);
          throw err;
        }
      });
    }
    const tx = new TransactionState(true);
    try {
      return await inTransaction(this.db as pg.Pool, async (client) => {
        const result = await fn(new Repository(client, this.options, tx));
        await tx.runAtCommit();
        return result;
      });
    } finally {
      // Refusals inside the transaction are recorded now, outside it: a rollback must not erase them, and
      // the connection they would need (PGlite has one) is free again. Still before the answer leaves.
      for (const record of tx.failures) await this.options.audit?.record(record).catch(() => undefined);
    }
  }

  private get q(): Queryable {
    return this.db;
  }

  /** `forUpdate` (inside `transaction` only): the row stays locked until the transaction ends. */
  async read(resourceType: string, id: string, options: { forUpdate?: boolean } = {}): Promise<Stored> {
    return this.audited({ subtype: 'read', action: 'R', resources: [`${resourceType}/${id}`] }, async (details) => {
      this.require(resourceType, 'read');
      if (options.forUpdate) this.requireTransaction('read … forUpdate');
      // the audit trail has a table of its own; its events are never locked, as nothing changes them
      const row =
        resourceType === AUDIT_EVENT ? await readAuditEvent(this.q, id, this.scope) : await readCurrent(this.q, resourceType, id, this.scope, options);
      if (!row) throw notFound(`${resourceType}/${id} not found`);
      details.patientIds = row.patientIds;
      if (row.deleted || row.content === null) throw gone(`${resourceType}/${id} was deleted`);
      return { resource: JSON.parse(row.content) as Resource, content: row.content };
    });
  }

  async vread(resourceType: string, id: string, versionId: string): Promise<Stored> {
    const resources = [`${resourceType}/${id}/_history/${versionId}`];
    return this.audited({ subtype: 'vread', action: 'R', resources }, async (details) => {
      this.require(resourceType, 'read');
      const v = Number(versionId);
      if (!/^\d+$/.test(versionId) || !Number.isSafeInteger(v)) throw notFound(`Version ${versionId} not found`);
      const row =
        resourceType === AUDIT_EVENT
          ? v === 1
            ? (await readAuditHistory(this.q, { resourceType, id, count: 1 }, this.scope))[0]
            : undefined
          : await readVersion(this.q, resourceType, id, v, this.scope);
      if (!row) throw notFound(`${resourceType}/${id}/_history/${versionId} not found`);
      details.patientIds = row.patientIds;
      if (row.deleted || row.content === null) throw gone(`${resourceType}/${id} version ${versionId} is a deletion`);
      return { resource: JSON.parse(row.content) as Resource, content: row.content };
    });
  }

  /** `query` is the search as the client wrote it, kept in the audit trail. */
  async search(request: SearchRequest, query?: string): Promise<SearchPage> {
    return this.audited({ subtype: 'search-type', action: 'E', query }, async (details) => {
      this.require(request.resourceType, 'search');
      try {
        const page = await runSearch(this.readDb, request, this.scope);
        details.patientIds = [...page.matches, ...page.includes].flatMap((r) => r.patientIds);
        return page;
      } catch (err) {
        if (err instanceof CursorMismatch) throw badRequest(err.message, '_cursor');
        throw err;
      }
    });
  }

  /**
   * One page of a bulk export, under the same access rule as a search, audited as `audit` says with the
   * patients the page holds that `ledger` has not seen named before.
   */
  async exportPage(query: ExportPageQuery, audit: ExportAudit): Promise<ExportPage> {
    const { ledger, ...facts } = audit;
    return this.audited({ ...facts, action: 'R', onlyWithPatients: true, settle: (stored) => ledger.settle(stored) }, async (details) => {
      for (const type of query.types) this.require(type, 'search');
      const page = await readExportPage(this.readDb, query, this.scope, this.tx ? undefined : this.options.copyOut);
      details.patientIds = ledger.fresh(page.patientIds);
      return page;
    });
  }

  /**
   * Where an export's windows end (see `exportWindowEnds`): row keys of the type only, never content, so not
   * audited; each window's page is.
   */
  async exportWindowEnds(query: Omit<ExportPageQuery, 'after' | 'upTo'>): Promise<ExportCursor[]> {
    for (const type of query.types) this.require(type, 'search');
    return exportWindowEnds(this.readDb, query);
  }

  /** One page of some patients' records (Patient/$everything), under the same access rule as a search. */
  async recordPage(query: ExportPageQuery & { patients: string[] }, audit: Pick<AuditFacts, 'subtype' | 'query'>): Promise<RecordPage> {
    return this.audited({ ...audit, action: 'R' }, async (details) => {
      for (const type of query.types) this.require(type, 'search');
      const page = await readRecordPage(this.readDb, query, this.scope);
      details.patientIds = page.rows.flatMap((r) => r.patientIds);
      return page;
    });
  }

  async history(query: HistoryQuery): Promise<HistoryRow[]> {
    const subtype = query.id ? 'history-instance' : query.resourceType ? 'history-type' : 'history-system';
    const resources = query.id ? [`${query.resourceType}/${query.id}`] : undefined;
    return this.audited({ subtype, action: 'R', resources }, async (details) => {
      if (query.resourceType) this.require(query.resourceType, 'history');
      const rows = query.resourceType === AUDIT_EVENT ? await readAuditHistory(this.q, query, this.scope) : await readHistory(this.q, query, this.scope);
      // An instance with no visible version at all does not exist for this caller.
      if (query.id && rows.length === 0 && !query.after && !query.since && !query.at) {
        throw notFound(`${query.resourceType}/${query.id} not found`);
      }
      details.patientIds = rows.flatMap((r) => r.patientIds);
      return rows;
    });
  }

  /**
   * Creates resources with server-assigned ids (or the ids given by `ids`), all in one statement with one
   * AuditEvent. A resource that fails validation fails the whole call with an ItemFailure naming its position.
   */
  async createMany(resources: Resource[], ids?: string[]): Promise<WriteResult[]> {
    return this.audited({ subtype: 'create', action: 'C' }, (details) =>
      this.transaction(async (repo) => {
        const lastUpdated = repo.clock().toISOString();
        const prepared = [];
        const pause = pauseEvery(); // validating thousands of resources must not hold up other requests
        for (const [i, r] of resources.entries()) {
          await pause();
          try {
            repo.require(r.resourceType, 'create');
            const resource = await repo.beforeRules(withRegistrationDefaults(r, repo.principal));
            const organizationId = owningOrganization(resource, repo.principal);
            prepared.push(prepareContent(resource, ids?.[i] ?? randomUUID(), 1, lastUpdated, { organizationId }));
          } catch (err) {
            throw new ItemFailure(i, err);
          }
        }
        details.resources = prepared.map((p) => `${p.write.resourceType}/${p.write.id}`);
        details.patientIds = prepared.flatMap((p) => p.write.patientIds);
        const request = { method: 'POST', status: 201 } as const;
        await repo.commitWrites(prepared.map((p) => ({ ...p.write, request })), details);
        for (const [i, p] of prepared.entries()) {
          await repo.afterRules(p.resource, undefined).catch((err: unknown) => {
            throw new ItemFailure(i, err);
          });
        }
        return prepared.map((p) => ({ resource: p.resource, content: p.content, created: true }));
      }),
    );
  }

  async create<T extends Resource>(resource: T): Promise<WriteResult<T>> {
    try {
      const [result] = await this.createMany([resource]);
      return result as WriteResult<T>;
    } catch (err) {
      throw err instanceof ItemFailure ? err.cause : err;
    }
  }

  /**
   * Update, or create with the client's id when the resource does not exist (update-as-create).
   * `ifMatch` is the version the client last saw; a different current version is a 412.
   */
  async update<T extends Resource>(resource: T, options: { ifMatch?: string } = {}): Promise<WriteResult<T>> {
    const id = resource.id;
    const resources = [`${resource.resourceType}/${id}`];
    return this.audited({ subtype: 'update', action: 'U', resources }, async (details) => {
      if (!id) throw badRequest('Resource id is required for update', `${resource.resourceType}.id`);
      return this.transaction(async (repo) => {
        const current = await repo.lockCurrent(resource.resourceType, id);
        repo.require(resource.resourceType, current && !current.deleted ? 'update' : 'create');
        // A row the caller may not see must not be silently replaced, nor its existence confirmed.
        if (current && !(await repo.visible(resource.resourceType, id))) {
          throw conflict(`The id ${id} cannot be used for this ${resource.resourceType}`, `${resource.resourceType}.id`);
        }
        if (options.ifMatch !== undefined && String(current?.versionId ?? '') !== options.ifMatch) {
          throw preconditionFailed(
            current
              ? `Version conflict: ${resource.resourceType}/${id} is at version ${current.versionId}, not ${options.ifMatch}`
              : `${resource.resourceType}/${id} does not exist, so version ${options.ifMatch} cannot match`,
            `${resource.resourceType}.meta.versionId`,
          );
        }
        const versionId = (current?.versionId ?? 0) + 1;
        const previous = current?.content ? (JSON.parse(current.content) as Resource) : undefined;
        const toStore = await repo.beforeRules(current ? resource : withRegistrationDefaults(resource, repo.principal), previous);
        const organizationId = owningOrganization(toStore, repo.principal);
        const prepared = prepareContent(toStore, id, versionId, repo.clock().toISOString(), { organizationId });
        details.patientIds = [...new Set([...(current?.patientIds ?? []), ...prepared.write.patientIds])];
        if (!current || current.deleted) details.subtype = 'create';
        const request = { method: 'PUT', status: !current || current.deleted ? 201 : 200 } as const;
        await repo.commitWrites([{ ...prepared.write, request, replacedPatientIds: current?.patientIds ?? [] }], details);
        await repo.afterRules(prepared.resource, previous);
        return { resource: prepared.resource as T, content: prepared.content, created: !current || current.deleted };
      });
    });
  }

  /** Soft delete: a new version marked deleted; the history keeps every earlier version. */
  async delete(resourceType: string, id: string): Promise<void> {
    await this.audited({ subtype: 'delete', action: 'D', resources: [`${resourceType}/${id}`] }, (details) =>
      this.transaction(async (repo) => {
        repo.require(resourceType, 'delete');
        const current = await readCurrent(repo.q, resourceType, id, repo.scope, { forUpdate: true });
        if (!current) throw notFound(`${resourceType}/${id} not found`);
        details.patientIds = current.patientIds;
        if (current.deleted) return; // deleting twice changes nothing
        await repo.commitWrites(
          [
            {
              resourceType,
              id,
              versionId: current.versionId + 1,
              lastUpdated: repo.clock().toISOString(),
              deleted: true,
              content: null,
              index: null,
              // the deleted row keeps its access columns: its history stays as visible as it was
              patientIds: current.patientIds,
              organizationId: current.organizationId,
              security: current.security,
              request: { method: 'DELETE', status: 200 },
            },
          ],
          details,
        );
      }),
    );
  }

  /**
   * The current row of a resource, locked until this transaction ends. A row that does not exist yet has
   * nothing to lock, and two concurrent update-as-creates of one id would both insert it, one failing on the
   * primary key (a 500). So an advisory lock on the id stands in for the row lock, and the row is read again
   * under it: a writer that waited sees what the one before it committed, and updates it. (INSERT … ON
   * CONFLICT would find the race only when the version is written, after registration defaults and the
   * create's rules had run for a resource that turned out to exist; the write would have to start over.)
   */
  private async lockCurrent(resourceType: string, id: string): Promise<CurrentRow | undefined> {
    const current = await readCurrent(this.q, resourceType, id, noScope, { forUpdate: true });
    if (current) return current;
    await lockUntilTransactionEnds(this.q, [`resource ${resourceType}/${id}`]);
    return readCurrent(this.q, resourceType, id, noScope, { forUpdate: true });
  }

  /**
   * Serialises the rest of this transaction with every other transaction that names one of `keys` (see
   * lockUntilTransactionEnds): for decisions about what has no row to lock, such as a conditional create.
   */
  async serialiseOn(keys: string[]): Promise<void> {
    this.requireTransaction('serialiseOn');
    await lockUntilTransactionEnds(this.q, keys);
  }

  /** Where reads of many rows run: the read replica, if any, unless this is a transaction (it sees its own writes). */
  private get readDb(): Queryable {
    return this.tx ? this.q : (this.options.searchDb ?? this.q);
  }

  private requireTransaction(what: string): void {
    // Outside a transaction each statement ends its own, and the lock would be gone before it protected anything.
    if (!this.tx) throw new Error(`${what} needs a transaction`);
  }

  /**
   * Stores versions with their AuditEvent, brings the access state up to date, then checks that the caller
   * could read what they wrote: nobody writes into a patient record, organisation or label they cannot see.
   */
  /**
   * Work for the end of this transaction, just before it commits, done once per key on the state the
   * transaction leaves (a referral's access, asked for by its Task, its ServiceRequest and each Consent a
   * consent form writes, is worked out once, from all of them). Outside a transaction it is done now.
   */
  async atCommit(key: string, work: () => Promise<void>): Promise<void> {
    if (!this.tx?.commitsItself) return work();
    this.tx.atCommit(key, work);
  }

  /**
   * A lookup of `resourceType` resources made once per transaction (the Questionnaire a response answers,
   * wanted by the rule that checks it and by the one that scores it), until the transaction writes a
   * resource of that type. Outside a transaction every call runs `lookup`.
   */
  async remembered<T>(resourceType: string, key: string, lookup: () => Promise<T>): Promise<T> {
    return this.tx ? this.tx.remembered(resourceType, key, lookup) : lookup();
  }

  private async commitWrites(writes: VersionWrite[], details: AuditDetails): Promise<void> {
    this.tx?.wrote(writes.map((w) => w.resourceType));
    await writeVersions(this.q, writes);
    const auditRecord = this.auditRecord(details, '0');
    if (auditRecord && this.options.audit) await storeAuditRecords(this.q, [auditRecord], writes[0]?.lastUpdated ?? this.clock().toISOString());
    await refreshPatientAccess(this.q, writes);
    if (this.principal.kind === 'internal') return;
    const live = writes.filter((w) => !w.deleted);
    for (const type of new Set(live.map((w) => w.resourceType))) {
      const ofType = live.filter((w) => w.resourceType === type);
      let unseen = await this.unseen(type, ofType.map((w) => w.id));
      // The recipient of a referral records the consultation of a patient otherwise beyond their reach.
      if (unseen.length > 0 && recordsUnderReferral(this.principal, type)) {
        const consultation = ofType.filter((w) => unseen.includes(w.id) && w.patientIds.length === 1);
        const filed = consultation.map((w) => ({ resourceType: type, id: w.id, patientId: w.patientIds[0] }));
        await recordUnderReferral(this.q, filed, this.principal, referralConsultation.taskStatuses, this.clock());
        unseen = await this.unseen(type, unseen);
      }
      if (unseen.length > 0) {
        throw forbidden(`This ${type} would be outside what you may access (patient, organisation or sensitivity label)`);
      }
    }
  }

  /** Which of these resources, just written, the caller could not read back. */
  private async unseen(type: string, ids: string[]): Promise<string[]> {
    const p = new SqlParams();
    const rule = this.scope(type, 'r', p);
    if (!rule) return [];
    const sql = `SELECT r.id FROM resource r WHERE r.resource_type = ${p.add(type)} AND r.id = ANY(${p.add(ids, 'text[]')}) AND ${rule}`;
    const seen = new Set((await this.q.query<{ id: string }>(prepared(sql, p.values))).rows.map((r) => r.id));
    return ids.filter((id) => !seen.has(id));
  }

  /**
   * Runs `fn` on this repository's connection (and transaction) as one audited access. For operations whose
   * records are not FHIR resources (break-glass, grants); the SQL itself stays in server/store.
   */
  async auditedAccess<T>(details: AuditDetails, fn: (db: Queryable) => Promise<T>): Promise<T> {
    return this.audited(details, () => fn(this.q));
  }

  private async beforeRules(resource: Resource, previous?: Resource): Promise<Resource> {
    let current = resource;
    for (const rule of this.options.rules ?? []) {
      if (rule.beforeWrite && rule.resourceTypes.includes(current.resourceType)) current = await rule.beforeWrite(this, current, previous);
    }
    return current;
  }

  private async afterRules(stored: Resource, previous: Resource | undefined): Promise<void> {
    for (const rule of this.options.rules ?? []) {
      if (rule.afterWrite && rule.resourceTypes.includes(stored.resourceType)) await rule.afterWrite(this, stored, previous);
    }
  }

  /**
   * The same connection and transaction, acting as the server itself: for checks and records that the
   * caller's own reach must not limit (is there such a patient; the supervisors' review task). With
   * `rules: false` the clinical write rules do not run.
   */
  asServer(reason: string, options: { rules?: boolean } = {}): Repository {
    const { principal: _caller, audit: _audit, rules, ...rest } = this.options;
    // Without rules: for moving records as they are (a patient merge), where re-deriving them would change them.
    const kept = options.rules === false ? {} : { rules };
    return new Repository(this.db, { ...rest, ...kept, principal: { kind: 'internal', reason } }, this.tx);
  }

  /** The caller this repository acts for (rules use it to address tasks and to word their records). */
  get caller(): Principal {
    return this.principal;
  }

  /** The server's clock as this repository sees it. */
  now(): Date {
    return this.clock();
  }

  private require(resourceType: string, interaction: Interaction): void {
    if (!mayDo(this.principal, resourceType, interaction)) {
      throw forbidden(`Your role may not ${interaction} ${resourceType} resources`);
    }
  }

  private async visible(resourceType: string, id: string): Promise<boolean> {
    if (this.principal.kind === 'internal') return true;
    return (await readCurrent(this.q, resourceType, id, this.scope)) !== undefined;
  }

  /**
   * Runs an access and records it: reads after they succeed (before the response leaves), writes inside
   * their transaction (see commitWrites), and every refusal or failure as a failed event.
   */
  private async audited<T>(details: AuditDetails, run: (details: AuditDetails) => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await run(details);
    } catch (err) {
      if (!(err instanceof ItemFailure || err instanceof FhirError) || this.principal.kind === 'internal') throw err;
      const failure = err instanceof ItemFailure ? err.cause : err;
      const status = failure instanceof FhirError ? failure.status : 500;
      const record = this.auditRecord(details, status >= 500 ? '8' : '4', failure instanceof FhirError ? failure.message : undefined);
      if (record && this.options.audit) {
        if (this.tx) this.tx.failures.push(record);
        else await this.options.audit.record(record).catch(() => undefined);
      }
      throw err;
    }
    const writes = details.action === 'C' || details.action === 'U' || details.action === 'D';
    if (!writes && !(details.onlyWithPatients && (details.patientIds ?? []).length === 0)) {
      const record = this.auditRecord(details, '0');
      if (record && this.options.audit) {
        if (this.tx) await storeAuditRecords(this.q, [record], this.clock().toISOString());
        else if (details.settle) details.settle(this.options.audit.record(record));
        else await this.options.audit.record(record);
      }
    }
    return result;
  }

  private auditRecord({ onlyWithPatients: _, settle: __, ...details }: AuditDetails, outcome: AuditFacts['outcome'], description?: string) {
    if (this.principal.kind === 'internal') return undefined;
    return {
      event: buildAuditEvent({
        principal: this.principal,
        ...details,
        patientIds: [...new Set(details.patientIds ?? [])],
        outcome,
        outcomeDescription: description,
        recorded: this.clock().toISOString(),
        sourceAddress: this.options.sourceAddress,
      }),
      organizationId: auditOrganization(this.principal),
    };
  }
}

/** Which item of a many-resource write failed, and why. */
export class ItemFailure extends Error {
  constructor(
    readonly index: number,
    override readonly cause: unknown,
  ) {
    super(`item ${index} failed`);
  }
}

export type { VersionWrite };
