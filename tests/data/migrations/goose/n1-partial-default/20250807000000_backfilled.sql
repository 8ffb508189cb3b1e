-- +goose Up
ALTER TABLE keys ADD COLUMN global BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE keys SET global = TRUE WHERE scope = 'all';
CREATE UNIQUE INDEX keys_global ON keys (user_id) WHERE global = TRUE;

-- +goose Down
DROP INDEX keys_global;
ALTER TABLE keys DROP COLUMN global;
