-- +migrate Up notransaction
ALTER TABLE people ADD COLUMN age int;
-- +migrate Down
