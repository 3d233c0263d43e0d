-- One row per Encounter of a Hiwa service (Encounter.serviceType in Hiwa's service-type CodeSystem): what
-- the activity indicators count, kept narrow so that a year of services is one range scan rather than five
-- search-index lookups per Encounter. Written with the Encounter's version (server/store/resource-writes.ts)
-- from the same index rows its searches use, removed with it.
CREATE TABLE service_fact (
  encounter_id             text NOT NULL,
  -- the attendee; NULL for a group meeting's own Encounter
  patient_id               text,
  -- Encounter.period.start
  at                       timestamptz NOT NULL,
  service_type             text NOT NULL,
  -- the first Location the Encounter lists (by id): one service is counted at one site
  site_id                  text,
  -- Encounter.serviceProvider
  provider_organization_id text,
  -- the organisation that recorded the Encounter (resource.organization_id)
  recorder_organization_id text
);
CREATE INDEX service_fact_at_idx ON service_fact (at);
CREATE INDEX service_fact_patient_idx ON service_fact (patient_id, at);
CREATE INDEX service_fact_encounter_idx ON service_fact (encounter_id);

INSERT INTO service_fact
SELECT d.resource_id, subj.target_id, d.low, t.code, loc.target_id, prov.target_id, r.organization_id
  FROM sp_date d
  JOIN resource r ON r.resource_type = 'Encounter' AND r.id = d.resource_id AND NOT r.deleted
  JOIN LATERAL (SELECT min(x.code) AS code FROM sp_token x
                 WHERE x.resource_type = 'Encounter' AND x.resource_id = d.resource_id AND x.param = 'service-type'
                   AND x.system = 'https://hiwa.health/fhir/CodeSystem/service-type') t ON t.code IS NOT NULL
  LEFT JOIN LATERAL (SELECT min(x.target_id) AS target_id FROM sp_reference x
                      WHERE x.resource_type = 'Encounter' AND x.resource_id = d.resource_id AND x.param = 'subject' AND x.target_type = 'Patient') subj ON TRUE
  LEFT JOIN LATERAL (SELECT min(x.target_id) AS target_id FROM sp_reference x
                      WHERE x.resource_type = 'Encounter' AND x.resource_id = d.resource_id AND x.param = 'location' AND x.target_type = 'Location') loc ON TRUE
  LEFT JOIN LATERAL (SELECT min(x.target_id) AS target_id FROM sp_reference x
                      WHERE x.resource_type = 'Encounter' AND x.resource_id = d.resource_id AND x.param = 'service-provider' AND x.target_type = 'Organization') prov ON TRUE
 WHERE d.resource_type = 'Encounter' AND d.param = 'date' AND d.low > '-infinity';
