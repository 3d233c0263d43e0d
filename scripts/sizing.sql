-- Bytes per stored resource, by resource type, on a Hiwa database:
--   psql "$DATABASE_URL" -f scripts/sizing.sql
-- Each table's whole size (rows, TOAST, indexes) is shared among resource types in proportion to the bytes
-- of their rows in it: the current row, every history version and the search-index rows of each type.
-- Run it after VACUUM (ANALYZE) on a database seeded with realistic data, then multiply by the expected
-- number of resources of each type.
WITH tables AS (
  SELECT c.relname AS tbl, pg_total_relation_size(c.oid) AS total_bytes
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = current_schema()
    AND c.relkind = 'r'
    AND (c.relname IN ('resource', 'resource_history') OR c.relname LIKE 'sp\_%')
),
rows_by_type AS (
  SELECT 'resource' AS tbl, resource_type, sum(pg_column_size(t.*)) AS row_bytes FROM resource t GROUP BY 2
  UNION ALL SELECT 'resource_history', resource_type, sum(pg_column_size(t.*)) FROM resource_history t GROUP BY 2
  UNION ALL SELECT 'sp_string', resource_type, sum(pg_column_size(t.*)) FROM sp_string t GROUP BY 2
  UNION ALL SELECT 'sp_token', resource_type, sum(pg_column_size(t.*)) FROM sp_token t GROUP BY 2
  UNION ALL SELECT 'sp_date', resource_type, sum(pg_column_size(t.*)) FROM sp_date t GROUP BY 2
  UNION ALL SELECT 'sp_number', resource_type, sum(pg_column_size(t.*)) FROM sp_number t GROUP BY 2
  UNION ALL SELECT 'sp_quantity', resource_type, sum(pg_column_size(t.*)) FROM sp_quantity t GROUP BY 2
  UNION ALL SELECT 'sp_reference', resource_type, sum(pg_column_size(t.*)) FROM sp_reference t GROUP BY 2
  UNION ALL SELECT 'sp_uri', resource_type, sum(pg_column_size(t.*)) FROM sp_uri t GROUP BY 2
),
shares AS (
  SELECT r.resource_type, r.tbl,
         t.total_bytes * r.row_bytes / sum(r.row_bytes) OVER (PARTITION BY r.tbl) AS bytes
  FROM rows_by_type r JOIN tables t USING (tbl)
),
counts AS (SELECT resource_type, count(*) AS resources, sum(version_id) AS versions FROM resource GROUP BY 1)
SELECT s.resource_type,
       c.resources,
       c.versions,
       round(sum(s.bytes) FILTER (WHERE s.tbl = 'resource') / c.resources) AS current_row_bytes,
       round(sum(s.bytes) FILTER (WHERE s.tbl = 'resource_history') / c.resources) AS history_bytes,
       round(sum(s.bytes) FILTER (WHERE s.tbl LIKE 'sp\_%') / c.resources) AS search_index_bytes,
       round(sum(s.bytes) / c.resources) AS bytes_per_resource,
       pg_size_pretty(round(sum(s.bytes))) AS total
FROM shares s JOIN counts c USING (resource_type)
GROUP BY s.resource_type, c.resources, c.versions
ORDER BY sum(s.bytes) DESC;

SELECT pg_size_pretty(pg_database_size(current_database())) AS database_size;
