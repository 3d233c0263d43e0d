-- What access decisions need to know about each patient, kept current by the writes that change it
-- (Patient, EpisodeOfCare, Consent), so that the access rule of any query is a cheap indexed lookup.
CREATE TABLE patient_access (
  patient_id      text PRIMARY KEY,
  organization_id text,                      -- Patient.managingOrganization
  site_id         text,                      -- the registration site (a Location)
  care_managers   text[] NOT NULL DEFAULT '{}', -- Practitioner ids managing an open case of the patient
  doh_exchange    boolean NOT NULL DEFAULT false -- an active Consent to Directorate-of-Health exchange
);
CREATE INDEX patient_access_org_site_idx ON patient_access (organization_id, site_id);

-- Patient-level access given to an organisation or a practitioner (referrals, transfers, sharing).
-- A grant tied to a Consent is void as soon as that Consent is no longer active.
CREATE TABLE access_grant (
  id              text PRIMARY KEY,
  patient_id      text NOT NULL,
  organization_id text,
  practitioner_id text,
  purpose         text NOT NULL,
  consent_id      text,
  granted_by      text NOT NULL,
  created_at      timestamptz NOT NULL,
  expires_at      timestamptz NOT NULL,
  revoked_at      timestamptz,
  CHECK (organization_id IS NOT NULL OR practitioner_id IS NOT NULL)
);
CREATE INDEX access_grant_patient_idx ON access_grant (patient_id);

-- A clinician opening a patient outside their reach, with the reason they gave; lasts 4 hours.
CREATE TABLE break_glass (
  id         text PRIMARY KEY,
  user_id    text NOT NULL,
  patient_id text NOT NULL,
  reason     text NOT NULL,
  started_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX break_glass_patient_idx ON break_glass (patient_id, user_id);
