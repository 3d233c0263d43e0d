-- Each API process remembers accounts' and system clients' token state (server/auth/token-states.ts) and
-- forgets it when told: these triggers tell every listening process, when the change commits, whoever
-- made it (the admin API, the CLI, SQL by hand). The payload is the cache key.
-- (NEW is null in a DELETE trigger and OLD in an INSERT one, hence the coalesce.)
CREATE FUNCTION notify_account_token_state() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('hiwa_token_state', 'account:' || coalesce(NEW.id, OLD.id));
  RETURN NULL;
END $$;

CREATE FUNCTION notify_client_token_state() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('hiwa_token_state', 'client:' || coalesce(NEW.client_id, OLD.client_id));
  RETURN NULL;
END $$;

CREATE TRIGGER account_token_state_changed AFTER UPDATE OF active, token_generation ON account
  FOR EACH ROW WHEN (OLD.active IS DISTINCT FROM NEW.active OR OLD.token_generation IS DISTINCT FROM NEW.token_generation)
  EXECUTE FUNCTION notify_account_token_state();
-- A row that appears or goes: a process may remember "no such account" from a token that named it.
CREATE TRIGGER account_token_state_added_or_deleted AFTER INSERT OR DELETE ON account
  FOR EACH ROW EXECUTE FUNCTION notify_account_token_state();

CREATE TRIGGER client_token_state_changed AFTER UPDATE OF active ON system_client
  FOR EACH ROW WHEN (OLD.active IS DISTINCT FROM NEW.active)
  EXECUTE FUNCTION notify_client_token_state();
CREATE TRIGGER client_token_state_added_or_deleted AFTER INSERT OR DELETE ON system_client
  FOR EACH ROW EXECUTE FUNCTION notify_client_token_state();
