-- The access rule looks patient_access up by patient only (`patient_id = ANY(row.patient_ids)`), then checks
-- organisation and site on the row it found. The (organization_id, site_id) index served no query, but while
-- the table had no statistics (PGlite never runs autovacuum; a server before its first analyze) the planner
-- combined it with the primary key in a BitmapAnd that read every patient of the organisation for each row
-- checked: a 1,000-Patient transaction at 79,000 patients spent 4.6 s in its visibility check instead of 30 ms,
-- and every read of a large caseload paid the same per row.
DROP INDEX patient_access_org_site_idx;
