-- No query looks resources up by patient through this index: the access rule tests a row's patient_ids
-- against patient_access (`patient_id = ANY(row.patient_ids)`), which a GIN index cannot serve, and
-- compartment searches go through the reference index. Yet every write paid for it, AuditEvents of reads
-- included, and its pending list was merged by whichever write happened to overflow it.
DROP INDEX resource_patients_idx;
