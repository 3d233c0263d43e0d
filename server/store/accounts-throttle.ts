import type { Queryable } from './database.js';

/** The latest lock among `keys` that is still in force at `now`, if any. */
export async function throttleLockedUntil(q: Queryable, keys: string[], now: Date): Promise<Date | undefined> {
  const { rows } = await q.query<{ until: Date | null }>(
    'SELECT max(locked_until) AS until FROM login_throttle WHERE key = ANY($1::text[]) AND locked_until > $2',
    [keys, now],
  );
  return rows[0]?.until ?? undefined;
}

/**
 * Counts one failure against `key` in a fixed window that starts at the first failure; the failure that
 * reaches `maxFailures` locks the key for `lockSeconds`. One statement, so concurrent failures all count.
 */
export async function recordThrottleFailure(
  q: Queryable,
  key: string,
  now: Date,
  limits: { maxFailures: number; windowSeconds: number; lockSeconds: number },
): Promise<void> {
  await q.query(
    `INSERT INTO login_throttle AS t (key, failures, window_started_at, locked_until)
     VALUES ($1, 1, $2, CASE WHEN $3::int <= 1 THEN $2::timestamptz + make_interval(secs => $5) END)
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN t.window_started_at <= $2::timestamptz - make_interval(secs => $4) THEN 1 ELSE t.failures + 1 END,
       window_started_at = CASE WHEN t.window_started_at <= $2::timestamptz - make_interval(secs => $4) THEN $2 ELSE t.window_started_at END,
       locked_until = CASE
         WHEN (CASE WHEN t.window_started_at <= $2::timestamptz - make_interval(secs => $4) THEN 1 ELSE t.failures + 1 END) >= $3
         THEN $2::timestamptz + make_interval(secs => $5)
         ELSE t.locked_until END`,
    [key, now, limits.maxFailures, limits.windowSeconds, limits.lockSeconds],
  );
}

export async function clearThrottle(q: Queryable, key: string): Promise<void> {
  await q.query('DELETE FROM login_throttle WHERE key = $1', [key]);
}
