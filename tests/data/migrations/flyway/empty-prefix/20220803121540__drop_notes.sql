ALTER TABLE premises DROP COLUMN notes;
