TRUNCATE failed_jobs;
