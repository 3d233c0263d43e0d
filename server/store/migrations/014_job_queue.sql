-- Long jobs (bulk exports) queued in the database, so that any API process can run them. A worker claims a
-- job with FOR UPDATE SKIP LOCKED and holds it by a lease it renews (heartbeat); a job whose worker died is
-- claimed again once its lease has run out, and starts over as a new attempt.
CREATE TABLE job (
  id           text        PRIMARY KEY,
  kind         text        NOT NULL,                  -- which handler runs it, e.g. 'export'
  owner        text        NOT NULL,                  -- who asked: 'staff:<account id>' or 'system:<client id>'
  payload      jsonb       NOT NULL,                  -- what the handler needs to run it
  status       text        NOT NULL DEFAULT 'queued'
               CHECK (status IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
  attempt      integer     NOT NULL DEFAULT 0,        -- attempts started so far
  max_attempts integer     NOT NULL DEFAULT 3,
  worker       text,                                  -- the worker holding the lease
  lease_until  timestamptz,                           -- a running job with a lease in the past has lost its worker
  progress     text,
  result       jsonb,
  error        text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  started_at   timestamptz,
  finished_at  timestamptz,
  expires_at   timestamptz                            -- the result (and its files) is removed after this
);
-- What a worker looks for: queued jobs, and running ones whose lease ran out, oldest first.
CREATE INDEX job_claim_idx ON job (kind, status, created_at);
