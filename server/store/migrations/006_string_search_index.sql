-- String search ("search before register": Patient?name=…) finds every row whose value starts with the
-- text, then keeps the first page in id order. A common name matches thousands of rows, so two things
-- decide its cost:
-- 1. the index carries resource_id, so the matching ids come from the index alone (an index-only scan)
--    instead of one heap visit per match;
-- 2. finer statistics on `value`: with the default, a prefix of a name in Arabic script was estimated at
--    ~40 rows where 2,000 matched, and the planner chose a join that fetched every matching resource
--    before sorting.
DROP INDEX sp_string_value_idx;
CREATE INDEX sp_string_value_idx ON sp_string (resource_type, param, value text_pattern_ops) INCLUDE (resource_id);
ALTER TABLE sp_string ALTER COLUMN value SET STATISTICS 1000;
