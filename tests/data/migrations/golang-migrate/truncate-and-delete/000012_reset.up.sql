TRUNCATE TABLE sessions;

DELETE FROM events
WHERE created_at < now() - interval '1 year';
