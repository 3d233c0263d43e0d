-- The audit trail in a table of its own: one row per event, appended and never updated, partitioned by the
-- month of `recorded` so that old months can be detached and archived whole (see README, "Audit trail").
-- It was stored as ordinary resources, and every read paid a resource row, a history row and about a dozen
-- search-index rows for its event. The columns below are what the trail's searches need; `content` is the
-- AuditEvent as served.
CREATE TABLE audit_event (
  id              text        NOT NULL,
  recorded        timestamptz NOT NULL,
  last_updated    timestamptz NOT NULL,
  organization_id text,                         -- whose supervisors may read it (the access rule)
  patient_ids     text[]      NOT NULL,         -- ids of the patients touched (entity.what Patient/…)
  agents          text[]      NOT NULL,         -- agent.who references, `Type/id`
  entities        text[]      NOT NULL,         -- entity.what references, `Type/id`, patients included
  type_system     text        NOT NULL,
  type_code       text        NOT NULL,
  subtype_system  text        NOT NULL,
  subtype_code    text        NOT NULL,
  action          text,
  outcome         text        NOT NULL,
  content         text        NOT NULL
) PARTITION BY RANGE (recorded);

-- Months get their partition ahead of time (server/store/audit-partitions.ts); an event no month takes (a
-- clock set far back) lands here rather than being refused.
CREATE TABLE audit_event_default PARTITION OF audit_event DEFAULT;

-- The searches the trail needs: by id (read), date, patient, agent, subtype, failed outcomes. Type has two
-- values (REST or authentication) and is left to the others; `entity` is searched through its GIN index.
CREATE INDEX audit_event_id_idx ON audit_event (id);
CREATE INDEX audit_event_recorded_idx ON audit_event (recorded);
CREATE INDEX audit_event_patients_idx ON audit_event USING gin (patient_ids);
CREATE INDEX audit_event_agents_idx ON audit_event USING gin (agents);
CREATE INDEX audit_event_entities_idx ON audit_event USING gin (entities);
CREATE INDEX audit_event_subtype_idx ON audit_event (subtype_code, recorded);
CREATE INDEX audit_event_failures_idx ON audit_event (outcome, recorded) WHERE outcome <> '0';

-- Existing events move over: a partition for each month they span, then the rows, then the old copies.
DO $$
DECLARE
  m date;
BEGIN
  FOR m IN
    SELECT DISTINCT date_trunc('month', (content::jsonb ->> 'recorded')::timestamptz AT TIME ZONE 'UTC')::date
    FROM resource WHERE resource_type = 'AuditEvent' AND content IS NOT NULL
  LOOP
    EXECUTE format(
      'CREATE TABLE %I PARTITION OF audit_event FOR VALUES FROM (%L) TO (%L)',
      'audit_event_' || to_char(m, 'YYYY_MM'),
      (m::timestamp AT TIME ZONE 'UTC'),
      ((m + interval '1 month')::timestamp AT TIME ZONE 'UTC')
    );
  END LOOP;
END $$;

INSERT INTO audit_event (id, recorded, last_updated, organization_id, patient_ids, agents, entities, type_system, type_code,
  subtype_system, subtype_code, action, outcome, content)
SELECT r.id, (c ->> 'recorded')::timestamptz, r.last_updated, r.organization_id, r.patient_ids,
  ARRAY(SELECT a -> 'who' ->> 'reference' FROM jsonb_array_elements(c -> 'agent') a WHERE a -> 'who' ? 'reference'),
  ARRAY(SELECT e -> 'what' ->> 'reference' FROM jsonb_array_elements(coalesce(c -> 'entity', '[]')) e WHERE e -> 'what' ? 'reference'),
  c -> 'type' ->> 'system', c -> 'type' ->> 'code', c -> 'subtype' -> 0 ->> 'system', c -> 'subtype' -> 0 ->> 'code',
  c ->> 'action', c ->> 'outcome', r.content
FROM resource r CROSS JOIN LATERAL (SELECT r.content::jsonb AS c) j
WHERE r.resource_type = 'AuditEvent' AND r.content IS NOT NULL;

DELETE FROM sp_string WHERE resource_type = 'AuditEvent';
DELETE FROM sp_token WHERE resource_type = 'AuditEvent';
DELETE FROM sp_date WHERE resource_type = 'AuditEvent';
DELETE FROM sp_number WHERE resource_type = 'AuditEvent';
DELETE FROM sp_quantity WHERE resource_type = 'AuditEvent';
DELETE FROM sp_reference WHERE resource_type = 'AuditEvent';
DELETE FROM sp_uri WHERE resource_type = 'AuditEvent';
DELETE FROM resource_history WHERE resource_type = 'AuditEvent';
DELETE FROM resource WHERE resource_type = 'AuditEvent';
