ALTER TABLE sp_action ALTER COLUMN action_type RENAME TO kind;
