ALTER TABLE skills ADD CONSTRAINT skills_named CHECK (is_system OR (team_id IS NOT NULL AND name IS NOT NULL));
