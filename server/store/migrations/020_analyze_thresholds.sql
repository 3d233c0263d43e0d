-- All resource types share one table and one table per kind of search value, so a type that starts from
-- nothing (Tasks in a system of imported Patients) can grow by tens of thousands of rows before autovacuum
-- analyzes the table again (by default once a tenth of it has changed), and until then the planner counts it
-- as empty and joins over it row by row. These tables are analyzed once a hundredth has changed instead.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['resource', 'sp_string', 'sp_token', 'sp_reference', 'sp_date', 'sp_number', 'sp_quantity', 'sp_uri'] LOOP
    EXECUTE format('ALTER TABLE %I SET (autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 1000)', t);
  END LOOP;
END $$;
