-- +goose Up
ALTER TABLE kas_keys ADD COLUMN legacy BOOLEAN NOT NULL DEFAULT FALSE;
CREATE UNIQUE INDEX kas_keys_legacy ON kas_keys (kas_id) WHERE legacy = TRUE;

-- +goose Down
DROP INDEX kas_keys_legacy;
ALTER TABLE kas_keys DROP COLUMN legacy;
