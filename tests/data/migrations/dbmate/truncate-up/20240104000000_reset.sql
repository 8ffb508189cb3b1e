-- migrate:up
TRUNCATE audit_log;
-- migrate:down
SELECT 1;
CREATE INDEX audit_at ON audit_log (at);
