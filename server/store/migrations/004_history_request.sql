-- How each version came about, as history reports it (Bundle.entry.request.method and response.status):
-- a first version may come from a PUT with the client's id, and a PUT after a deletion creates again (201),
-- neither of which the version number and deleted flag can tell. NULL for versions the server wrote itself.
ALTER TABLE resource_history ADD COLUMN request_method text, ADD COLUMN response_status smallint;
