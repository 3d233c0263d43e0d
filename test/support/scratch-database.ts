import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../server/store/database.js';
import { listMigrations, migrate } from '../../server/store/migrate.js';
import { migratedEmbeddedTemplate } from './embedded-template.js';

/**
 * A database of its own, migrated up to (not including) `before`: in memory, or with DATABASE_URL a schema
 * of that server dropped on close. For tests of a migration: data written as the schema before it held it.
 */
export async function scratchDatabase(before?: number): Promise<{ db: Database; close(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  const schema = url ? `t_${randomBytes(6).toString('hex')}` : undefined;
  // the migrated template only when every migration is wanted: a test of one starts from the schema before it
  const embeddedFrom = url || before !== undefined ? undefined : await migratedEmbeddedTemplate();
  const db = await openDatabase({ databaseUrl: url, schema, embeddedDir: 'memory://', embeddedFrom });
  await migrate(db.pool, before === undefined ? undefined : listMigrations().filter((m) => m.version < before));
  return {
    db,
    async close() {
      await db.close();
      if (url && schema) {
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await admin.end();
      }
    },
  };
}
