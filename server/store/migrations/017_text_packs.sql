-- Text packs an admin installed through the admin API (instrument wording per language, e.g. an SDQ the
-- organisation holds the authorisation for). Kept in the database so that every API process words forms
-- from the same packs; one pack per questionnaire and language, a new install replacing the old.
CREATE TABLE text_pack (
  questionnaire text NOT NULL,
  language      text NOT NULL,
  content       jsonb NOT NULL,
  installed_at  timestamptz NOT NULL,
  installed_by  text NOT NULL,
  PRIMARY KEY (questionnaire, language)
);
