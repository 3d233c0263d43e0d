-- What the recipient of a referral or transfer (a Task's owner) may read of the patient's record because it was
-- referred to them: rows kept current by the writes that change it (the Task, its ServiceRequest, the
-- patient's Consents), in the same transaction, so that the access rule is an indexed lookup. A row names the
-- recipient as a practitioner or an organisation; `expires_at` is the end of the consent it rests on.
CREATE TABLE referral_access (
  task_id         text NOT NULL,
  resource_type   text NOT NULL,
  resource_id     text NOT NULL,
  practitioner_id text,
  organization_id text,
  expires_at      timestamptz,
  CHECK (practitioner_id IS NOT NULL OR organization_id IS NOT NULL)
);
CREATE INDEX referral_access_resource_idx ON referral_access (resource_id, resource_type);
CREATE INDEX referral_access_task_idx ON referral_access (task_id);
