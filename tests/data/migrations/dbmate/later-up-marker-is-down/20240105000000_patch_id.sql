-- migrate:up
ALTER TABLE events DROP COLUMN IF EXISTS patch_id;

-- migrate:down
ALTER TABLE events ADD COLUMN IF NOT EXISTS patch_id text;

-- migrate:up
ALTER TABLE events ADD COLUMN patch_uuid uuid NOT NULL;
ALTER TABLE events ALTER COLUMN kind TYPE integer USING kind::integer;

-- migrate:down
ALTER TABLE events DROP COLUMN patch_uuid;
