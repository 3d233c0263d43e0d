import { describe, expect, it } from 'vitest';
import { useTestServer } from '../support/suite.js';

describe('planner statistics of the shared tables', () => {
  const suite = useTestServer();

  it('are renewed once a hundredth of the resources or of any search-value table has changed, not a tenth', async () => {
    const { rows } = await suite.server.store.pool.query<{ relname: string; reloptions: string[] | null }>(
      `SELECT relname, reloptions FROM pg_class WHERE relkind = 'r' AND (relname = 'resource' OR relname LIKE 'sp\\_%')` +
        // this server's own tables: other tests' schemas may be on the same database meanwhile
        ` AND pg_table_is_visible(oid) ORDER BY relname`,
    );
    expect(rows.map((r) => r.relname)).toEqual(['resource', 'sp_date', 'sp_number', 'sp_quantity', 'sp_reference', 'sp_string', 'sp_token', 'sp_uri']);
    for (const row of rows) {
      expect(row.reloptions, row.relname).toEqual(expect.arrayContaining(['autovacuum_analyze_scale_factor=0.01', 'autovacuum_analyze_threshold=1000']));
    }
  });
});
