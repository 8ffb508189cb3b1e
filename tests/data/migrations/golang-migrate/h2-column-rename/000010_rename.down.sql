ALTER TABLE sp_action ALTER COLUMN kind RENAME TO action_type;
