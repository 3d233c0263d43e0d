import type { RequestHandler } from 'express';
import type pg from 'pg';
import type { Database } from '../store/database.js';

/** How long /healthz waits for the database before it answers without it. */
export const HEALTHZ_DEADLINE_MS = 500;

type DatabaseState = 'ok' | 'busy' | 'unavailable';

/**
 * `GET /healthz`, answered within HEALTHZ_DEADLINE_MS whatever the database does: 200 `ok` when the database
 * answered `SELECT 1`; otherwise 503, `busy` when the probe was still waiting for one of this process's own
 * connections, all of them in use (the embedded database has one, held by any transaction under way), and
 * `unavailable` when the database refused or did not answer. An answer always means the process is alive.
 */
export function healthz(store: Database): RequestHandler {
  return async (_req, res) => {
    const state = await probe(store.pool);
    if (state === 'ok') {
      res.json({ status: 'ok', database: store.kind });
      return;
    }
    if (state === 'busy') res.setHeader('Retry-After', '1');
    res.status(503).json({ status: state, database: store.kind });
  };
}

async function probe(pool: pg.Pool): Promise<DatabaseState> {
  let connected = false;
  const answered = (async () => {
    const client = await pool.connect();
    connected = true;
    try {
      await client.query('SELECT 1');
    } finally {
      client.release();
    }
  })().then(
    () => 'ok' as const,
    () => 'unavailable' as const,
  );
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<DatabaseState>((resolve) => {
    timer = setTimeout(() => {
      const allInUse = pool.idleCount === 0 && pool.totalCount >= (pool.options.max ?? 10);
      resolve(!connected && allInUse ? 'busy' : 'unavailable');
    }, HEALTHZ_DEADLINE_MS);
  });
  // The probe left waiting past the deadline still runs and gives its connection back afterwards.
  const state = await Promise.race([answered, deadline]);
  clearTimeout(timer);
  return state;
}
