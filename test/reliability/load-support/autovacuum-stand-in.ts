import pg from 'pg';

export interface AutovacuumStandIn {
  /** tables analyzed, 0 when the server's own autovacuum is on */
  readonly analyzed: number;
  stop(): Promise<void>;
}

/** How often the stand-in looks, as autovacuum's launcher does (its `autovacuum_naptime` is a minute by default). */
const LOOK_EVERY_MS = 20_000;

/**
 * Tables autovacuum would analyze now: those changed since their last analysis by more than its threshold
 * plus its scale factor times their rows, each from the table's own settings (migration 020) or the server's.
 * Partitioned tables are left out, as autovacuum leaves them (their partitions are tables of their own here).
 */
const dueForAnalyze = `
  SELECT format('%I.%I', s.schemaname, s.relname) AS name
    FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
   WHERE c.relkind = 'r'
     AND s.n_mod_since_analyze > coalesce(
           (SELECT split_part(o, '=', 2)::float8 FROM unnest(c.reloptions) o WHERE o LIKE 'autovacuum_analyze_threshold=%'),
           current_setting('autovacuum_analyze_threshold')::float8)
       + coalesce(
           (SELECT split_part(o, '=', 2)::float8 FROM unnest(c.reloptions) o WHERE o LIKE 'autovacuum_analyze_scale_factor=%'),
           current_setting('autovacuum_analyze_scale_factor')::float8) * greatest(c.reltuples, 0)`;

/**
 * A deployment's PostgreSQL runs autovacuum (on by default), which analyzes a table again once a share of it
 * has changed, so the planner's picture of each table follows it as it grows. The PostgreSQL a suite runs on
 * may have it off; then the plans of the whole day would follow statistics taken before it started, with
 * none of the Tasks, Flags and referrals the day creates — plans a deployment never runs (a nested loop over
 * every Task for each Task took half a second a query after a minute). This stands in for it while the load
 * runs: it analyzes what autovacuum would, by autovacuum's rule, looking three times as often.
 */
export async function standInForAutovacuum(databaseUrl: string): Promise<AutovacuumStandIn> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ autovacuum: string }>('SHOW autovacuum');
  if (rows[0]?.autovacuum === 'on') {
    await client.end();
    return { analyzed: 0, stop: async () => undefined };
  }
  let analyzed = 0;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let failure: unknown;
  const look = async (): Promise<void> => {
    if (stopped) return;
    const due = (await client.query<{ name: string }>(dueForAnalyze)).rows.map((r) => r.name);
    if (due.length === 0) return;
    await client.query(`ANALYZE ${due.join(', ')}`);
    analyzed += due.length;
  };
  const timer = setInterval(() => {
    // a failure ends the looking and is thrown by stop(), not lost
    running = running.then(look).catch((err: unknown) => {
      failure ??= err;
      stopped = true;
    });
  }, LOOK_EVERY_MS);
  return {
    get analyzed() {
      return analyzed;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      await client.end();
      if (failure) throw failure;
    },
  };
}
