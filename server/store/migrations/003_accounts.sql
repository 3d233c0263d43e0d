-- Credentials and sessions live outside FHIR. A staff account acts as one Practitioner through one
-- PractitionerRole; role, organisation and sites are copied here because they decide what a token may do
-- and must only change through the admin API (the PractitionerRole mirrors them for FHIR clients).
CREATE TABLE account (
  id                   text        PRIMARY KEY,
  username             text        NOT NULL UNIQUE, -- stored lower case
  password_hash        text        NOT NULL,        -- argon2id, PHC string
  display_name         text        NOT NULL,
  practitioner_id      text        NOT NULL,
  practitioner_role_id text        NOT NULL,
  role                 text        NOT NULL,
  organization_id      text        NOT NULL,
  site_ids             text[]      NOT NULL DEFAULT '{}',
  active               boolean     NOT NULL DEFAULT true,
  -- Every access token carries the generation it was issued under; raising it refuses them all at once.
  token_generation     integer     NOT NULL DEFAULT 1,
  totp_secret          text,                        -- AES-256-GCM sealed, never returned by any API
  totp_pending_secret  text,                        -- sealed, waiting for the first code to confirm enrolment
  totp_last_step       bigint,                      -- last accepted 30-second step, so a code works once
  failed_attempts      integer     NOT NULL DEFAULT 0, -- consecutive failed logins since the last success
  last_login_at        timestamptz,
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL
);

-- Refresh tokens are opaque random strings; only their SHA-256 is kept. Each login starts a family; each
-- refresh marks the presented token used and adds its successor to the same family.
CREATE TABLE refresh_token (
  token_hash  text        PRIMARY KEY,
  family_id   text        NOT NULL,
  account_id  text        NOT NULL REFERENCES account (id),
  issued_at   timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz,
  revoked_at  timestamptz
);
CREATE INDEX refresh_token_family_idx ON refresh_token (family_id);
CREATE INDEX refresh_token_account_idx ON refresh_token (account_id);

-- SMART Backend Services clients (e.g. a Directorate of Health), authenticated by a signed assertion
-- checked against the public keys registered here.
CREATE TABLE system_client (
  client_id       text        PRIMARY KEY,
  name            text        NOT NULL,
  jwks            jsonb       NOT NULL,
  allowed_scopes  text[]      NOT NULL,
  organization_id text,
  active          boolean     NOT NULL DEFAULT true,
  created_at      timestamptz NOT NULL
);

-- `jti` of accepted client assertions, kept until the assertion expires, so none is accepted twice.
CREATE TABLE client_assertion_jti (
  client_id  text        NOT NULL,
  jti        text        NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (client_id, jti)
);
CREATE INDEX client_assertion_jti_expiry_idx ON client_assertion_jti (expires_at);

-- Failed logins per key ('account:<username>' or 'address:<ip>'), in the database so that every API
-- process counts the same attempts.
CREATE TABLE login_throttle (
  key               text        PRIMARY KEY,
  failures          integer     NOT NULL,
  window_started_at timestamptz NOT NULL,
  locked_until      timestamptz
);
