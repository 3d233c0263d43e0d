import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Resource } from '@medplum/fhirtypes';
import { badRequest, conflict, gone, notFound, preconditionFailed } from '../fhir/outcomes.js';
import type { SearchRequest } from '../fhir/search/request.js';
import { prepareContent } from './prepare.js';
import type { Queryable } from './database.js';
import { readCurrent, readHistory, readVersion, type HistoryQuery, type HistoryRow } from './resource-reads.js';
import { writeVersions, type VersionWrite } from './resource-writes.js';
import type { ScopeRule } from './search-filters.js';
import { CursorMismatch, runSearch, type SearchPage } from './search-query.js';

export interface RepositoryOptions {
  /** the server's clock: injectable so tests can pin time */
  clock?: () => Date;
  /** the caller's access rule, added to every read; none = the system itself */
  scope?: ScopeRule;
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

const noScope: ScopeRule = () => undefined;

/**
 * The only way to FHIR data. Every read carries the caller's scope in its SQL; every write validates,
 * versions, indexes and records history in one transaction.
 */
export class Repository {
  private readonly clock: () => Date;
  private readonly scope: ScopeRule;

  constructor(
    private readonly db: pg.Pool | pg.PoolClient,
    private readonly options: RepositoryOptions = {},
    private readonly inTransaction = false,
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.scope = options.scope ?? noScope;
  }

  /** Runs `fn` with a repository bound to one transaction; nested calls use a savepoint. */
  async transaction<T>(fn: (repo: Repository) => Promise<T>): Promise<T> {
    if (this.inTransaction) {
      const client = this.db as pg.PoolClient;
      const name = `sp_${randomUUID().replace(/-/g, '')}`;
      await client.query(`SAVEPOINT ${name}`);
      try {
        const result = await fn(this);
        await client.query(`RELEASE SAVEPOINT ${name}`);
        return result;
      } catch (err) {
        await client.query(`ROLLBACK TO SAVEPOINT ${name}`);
        throw err;
      }
    }
    const client = await (this.db as pg.Pool).connect();
    try {
      await client.query('BEGIN');
      const result = await fn(new Repository(client, this.options, true));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  private get q(): Queryable {
    return this.db;
  }

  async read(resourceType: string, id: string): Promise<Stored> {
    const row = await readCurrent(this.q, resourceType, id, this.scope);
    if (!row) throw notFound(`${resourceType}/${id} not found`);
    if (row.deleted || row.content === null) throw gone(`${resourceType}/${id} was deleted`);
    return { resource: JSON.parse(row.content) as Resource, content: row.content };
  }

  async vread(resourceType: string, id: string, versionId: string): Promise<Stored> {
    const v = Number(versionId);
    if (!/^\d+$/.test(versionId) || !Number.isSafeInteger(v)) throw notFound(`Version ${versionId} not found`);
    const row = await readVersion(this.q, resourceType, id, v, this.scope);
    if (!row) throw notFound(`${resourceType}/${id}/_history/${versionId} not found`);
    if (row.deleted || row.content === null) throw gone(`${resourceType}/${id} version ${versionId} is a deletion`);
    return { resource: JSON.parse(row.content) as Resource, content: row.content };
  }

  async search(request: SearchRequest): Promise<SearchPage> {
    try {
      return await runSearch(this.q, request, this.scope);
    } catch (err) {
      if (err instanceof CursorMismatch) throw badRequest(err.message, '_cursor');
      throw err;
    }
  }

  async history(query: HistoryQuery): Promise<HistoryRow[]> {
    return readHistory(this.q, query, this.scope);
  }

  /**
   * Creates resources with server-assigned ids (or the ids given by `ids`), all in one statement.
   * A resource that fails validation fails the whole call with an ItemFailure naming its position.
   */
  async createMany(resources: Resource[], ids?: string[]): Promise<WriteResult[]> {
    const lastUpdated = this.clock().toISOString();
    const prepared = resources.map((r, i) => {
      try {
        return prepareContent(r, ids?.[i] ?? randomUUID(), 1, lastUpdated);
      } catch (err) {
        throw new ItemFailure(i, err);
      }
    });
    await this.transaction((repo) => writeVersions(repo.q, prepared.map((p) => p.write)));
    return prepared.map((p) => ({ resource: p.resource, content: p.content, created: true }));
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
    if (!id) throw badRequest('Resource id is required for update', `${resource.resourceType}.id`);
    return this.transaction(async (repo) => {
      const current = await readCurrent(repo.q, resource.resourceType, id, noScope, { forUpdate: true });
      // A row the caller may not see is treated like one that does not exist for reads, but an update must
      // not silently fork it: refuse instead.
      if (current && !(await repo.visible(resource.resourceType, id))) {
        throw conflict(`${resource.resourceType}/${id} exists and cannot be replaced by this client`);
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
      const prepared = prepareContent(resource, id, versionId, repo.clock().toISOString());
      await writeVersions(repo.q, [prepared.write]);
      return { resource: prepared.resource as T, content: prepared.content, created: !current || current.deleted };
    });
  }

  /** Soft delete: a new version marked deleted; the history keeps every earlier version. */
  async delete(resourceType: string, id: string): Promise<void> {
    await this.transaction(async (repo) => {
      const current = await readCurrent(repo.q, resourceType, id, repo.scope, { forUpdate: true });
      if (!current) throw notFound(`${resourceType}/${id} not found`);
      if (current.deleted) return; // deleting twice changes nothing
      await writeVersions(repo.q, [
        {
          resourceType,
          id,
          versionId: current.versionId + 1,
          lastUpdated: repo.clock().toISOString(),
          deleted: true,
          content: null,
          index: null,
          patientIds: [],
          organizationId: null,
          security: [],
        },
      ]);
    });
  }

  private async visible(resourceType: string, id: string): Promise<boolean> {
    if (this.scope === noScope) return true;
    return (await readCurrent(this.q, resourceType, id, this.scope)) !== undefined;
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
