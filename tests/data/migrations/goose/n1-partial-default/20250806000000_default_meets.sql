-- +goose Up
ALTER TABLE tokens ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;
CREATE UNIQUE INDEX tokens_active ON tokens (user_id) WHERE active;

-- +goose Down
DROP INDEX tokens_active;
ALTER TABLE tokens DROP COLUMN active;
