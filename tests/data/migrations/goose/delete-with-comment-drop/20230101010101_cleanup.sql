-- +goose Up
-- DROP TABLE sessions; (no, keep it)
DELETE FROM sessions WHERE expired;
-- +goose Down
SELECT 1;
CREATE INDEX sessions_expired ON sessions (expired);
