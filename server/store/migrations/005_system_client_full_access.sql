-- A data-migration client: registered by an admin to import records from a legacy system (or to test
-- interoperability), it reads and writes every record, PSY included, with every access audited. It can
-- never write the audit trail. Deployments deactivate it once the migration is done.
ALTER TABLE system_client ADD COLUMN full_access boolean NOT NULL DEFAULT false;
