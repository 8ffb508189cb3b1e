-- +migrate Up
UPDATE alerts SET source = 'manual' WHERE source IS NULL;
ALTER TABLE alerts ALTER COLUMN source SET NOT NULL;

-- +migrate Down
ALTER TABLE alerts ALTER COLUMN source DROP NOT NULL;
