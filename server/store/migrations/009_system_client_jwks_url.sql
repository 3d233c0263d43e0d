-- A system client may register its keys by URL instead of inline (SMART Backend Services asks servers to
-- support both): the server fetches the key set from there, caches it briefly and fetches again when an
-- assertion names a key it does not know, so the client rotates keys without an admin.
ALTER TABLE system_client ADD COLUMN jwks_url text;
ALTER TABLE system_client ALTER COLUMN jwks DROP NOT NULL;
ALTER TABLE system_client ADD CONSTRAINT system_client_keys CHECK ((jwks IS NULL) <> (jwks_url IS NULL));
