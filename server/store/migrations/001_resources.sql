-- Current version of every resource. `content` is the exact JSON served (meta included), kept as text
-- so a read streams it without re-serialising. Access columns are filled at write time so access rules
-- can be a WHERE clause of the same query that pages and counts.
CREATE TABLE resource (
  resource_type   text        NOT NULL,
  id              text        NOT NULL,
  version_id      bigint      NOT NULL,
  last_updated    timestamptz NOT NULL,
  deleted         boolean     NOT NULL DEFAULT false,
  content         text,
  organization_id text,
  patient_ids     text[]      NOT NULL DEFAULT '{}',
  security        text[]      NOT NULL DEFAULT '{}',
  PRIMARY KEY (resource_type, id)
);
CREATE INDEX resource_type_updated_idx ON resource (resource_type, last_updated, id);
CREATE INDEX resource_patients_idx ON resource USING gin (patient_ids);
CREATE INDEX resource_org_idx ON resource (organization_id);

-- Every version, written in the same transaction as the current row.
CREATE TABLE resource_history (
  resource_type text        NOT NULL,
  id            text        NOT NULL,
  version_id    bigint      NOT NULL,
  last_updated  timestamptz NOT NULL,
  deleted       boolean     NOT NULL DEFAULT false,
  content       text,
  PRIMARY KEY (resource_type, id, version_id)
);
CREATE INDEX resource_history_updated_idx ON resource_history (last_updated, resource_type, id, version_id);
CREATE INDEX resource_history_type_updated_idx ON resource_history (resource_type, last_updated, id, version_id);

-- Search index: one generic table per search-parameter type (see README, "Search").
-- Rows exist only for the current, non-deleted version of a resource.
CREATE TABLE sp_string (
  resource_type text NOT NULL,
  resource_id   text NOT NULL,
  param         text NOT NULL,
  value         text NOT NULL, -- normalised: lower case, accents removed
  exact         text NOT NULL  -- as written, for :exact
);
CREATE INDEX sp_string_value_idx ON sp_string (resource_type, param, value text_pattern_ops);
CREATE INDEX sp_string_resource_idx ON sp_string (resource_id, resource_type);

CREATE TABLE sp_token (
  resource_type text NOT NULL,
  resource_id   text NOT NULL,
  param         text NOT NULL,
  system        text,
  code          text,
  text          text -- normalised display text, for :text
);
CREATE INDEX sp_token_code_idx ON sp_token (resource_type, param, code, system);
CREATE INDEX sp_token_resource_idx ON sp_token (resource_id, resource_type);

CREATE TABLE sp_date (
  resource_type text        NOT NULL,
  resource_id   text        NOT NULL,
  param         text        NOT NULL,
  low           timestamptz NOT NULL, -- inclusive; '-infinity' when open
  high          timestamptz NOT NULL  -- exclusive; 'infinity' when open
);
CREATE INDEX sp_date_idx ON sp_date (resource_type, param, low, high);
CREATE INDEX sp_date_resource_idx ON sp_date (resource_id, resource_type);

CREATE TABLE sp_number (
  resource_type text    NOT NULL,
  resource_id   text    NOT NULL,
  param         text    NOT NULL,
  low           numeric NOT NULL, -- the implicit range of the value's precision
  high          numeric NOT NULL,
  value         numeric NOT NULL
);
CREATE INDEX sp_number_idx ON sp_number (resource_type, param, value);
CREATE INDEX sp_number_resource_idx ON sp_number (resource_id, resource_type);

CREATE TABLE sp_quantity (
  resource_type text    NOT NULL,
  resource_id   text    NOT NULL,
  param         text    NOT NULL,
  low           numeric NOT NULL,
  high          numeric NOT NULL,
  value         numeric NOT NULL,
  system        text,
  code          text
);
CREATE INDEX sp_quantity_idx ON sp_quantity (resource_type, param, value);
CREATE INDEX sp_quantity_resource_idx ON sp_quantity (resource_id, resource_type);

CREATE TABLE sp_reference (
  resource_type text NOT NULL,
  resource_id   text NOT NULL,
  param         text NOT NULL,
  target_type   text, -- null for a reference Hiwa cannot resolve to a local type (absolute URL)
  target_id     text,
  target_url    text  -- the reference as written when it is not local
);
CREATE INDEX sp_reference_source_idx ON sp_reference (resource_type, param, target_id);
CREATE INDEX sp_reference_target_idx ON sp_reference (target_id, target_type);
CREATE INDEX sp_reference_resource_idx ON sp_reference (resource_id, resource_type);

CREATE TABLE sp_uri (
  resource_type text NOT NULL,
  resource_id   text NOT NULL,
  param         text NOT NULL,
  value         text NOT NULL
);
CREATE INDEX sp_uri_idx ON sp_uri (resource_type, param, value);
CREATE INDEX sp_uri_resource_idx ON sp_uri (resource_id, resource_type);
