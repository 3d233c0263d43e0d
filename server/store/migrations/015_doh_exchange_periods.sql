-- When a patient's Consents allow the exchange with the Directorate of Health: the periods of the Consents
-- that allow it (periodsAllowing in server/clinical/consent-gates.ts, the rule of every consent gate), so that
-- the access rule compares them with the time of each read. The flag it replaces, set when a Consent was
-- written, let a refusal (provision.type deny) count as consent, and a consent outlive its period.
ALTER TABLE patient_access ADD COLUMN doh_exchange_periods tstzmultirange DEFAULT '{}';
-- NULL: to be worked out from the patient's Consents by the server, in this migration's transaction, once
-- every migration has run (see migrate.ts). Only the patients the flag opened can have a Consent that allows
-- the exchange; the access rule opens nobody whose periods are NULL.
UPDATE patient_access SET doh_exchange_periods = NULL WHERE doh_exchange;
ALTER TABLE patient_access DROP COLUMN doh_exchange;
