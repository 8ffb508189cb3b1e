ALTER TABLE skills DROP CONSTRAINT skills_named;
