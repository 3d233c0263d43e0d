-- The records the recipient of a referral wrote for its patient while working on it (the consultation:
-- Encounter, Condition), when the patient was otherwise beyond their reach. Kept for good, so that what a
-- referral lets its recipient read (referral_access) can be computed again whenever the Task, its
-- ServiceRequest or a Consent changes: these records are readable, like the rest, only while the referral is
-- accepted or in progress and the consent holds.
CREATE TABLE referral_record (
  task_id       text NOT NULL,
  resource_type text NOT NULL,
  resource_id   text NOT NULL,
  PRIMARY KEY (task_id, resource_type, resource_id)
);
