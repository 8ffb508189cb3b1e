-- the note column is unused

ALTER TABLE orders
  DROP COLUMN note;
