TRUNCATE failed_jobs;
ALTER TABLE failed_jobs DROP COLUMN id;
ALTER TABLE failed_jobs ADD COLUMN id bigserial PRIMARY KEY;
