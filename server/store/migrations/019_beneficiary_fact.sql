-- What reports disaggregate a beneficiary by, one narrow row per current Patient, written with the Patient's
-- version (server/store/resource-writes.ts) and removed with it: a year of indicators reads a hundred thousand
-- beneficiaries without parsing their records.
CREATE TABLE beneficiary_fact (
  patient_id       text NOT NULL,
  gender           text,
  birth_date       text,
  marital_status   text,
  population_group text,
  disability       text,
  governorate      text
);
CREATE INDEX beneficiary_fact_patient_idx ON beneficiary_fact (patient_id);

INSERT INTO beneficiary_fact
SELECT r.id, c->>'gender', c->>'birthDate', c#>>'{maritalStatus,coding,0,code}',
       (SELECT e#>>'{valueCoding,code}' FROM jsonb_array_elements(CASE WHEN jsonb_typeof(c->'extension') = 'array' THEN c->'extension' ELSE '[]' END) e
         WHERE e->>'url' = 'https://hiwa.health/fhir/StructureDefinition/population-group' LIMIT 1),
       (SELECT e#>>'{valueCoding,code}' FROM jsonb_array_elements(CASE WHEN jsonb_typeof(c->'extension') = 'array' THEN c->'extension' ELSE '[]' END) e
         WHERE e->>'url' = 'https://hiwa.health/fhir/StructureDefinition/disability' LIMIT 1),
       c#>>'{address,0,state}'
  FROM resource r CROSS JOIN LATERAL (SELECT r.content::jsonb AS c OFFSET 0) x
 WHERE r.resource_type = 'Patient' AND NOT r.deleted;
