ALTER TABLE skills DROP CONSTRAINT skills_owner;
ALTER TABLE skills DROP COLUMN is_system;
