-- All resource types share one table and one table per kind of search value, so a type that starts from
-- nothing (Tasks in a system of imported Patients) can grow by tens of thousands of rows before autovacuum
-- analyzes the table again (by default once a tenth of it has changed), and until then the planner counts it
-- as empty and joins over it row by row. These tables are analyzed once a hundredth has changed instead.
ALTER TABLE resource SET (autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 1000);
ALTER TABLE sp_string SET (autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 1000);
ALTER TABLE sp_token SET (autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 1000);
ALTER TABLE sp_reference SET (autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 1000);
ALTER TABLE sp_date SET (autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 1000);
ALTER TABLE sp_number SET (autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 1000);
ALTER TABLE sp_quantity SET (autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 1000);
ALTER TABLE sp_uri SET (autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 1000);
