-- +goose up
ALTER TABLE orders DROP COLUMN legacy;
-- +goose down
ALTER TABLE orders ADD COLUMN legacy text;
