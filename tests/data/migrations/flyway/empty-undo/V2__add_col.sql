ALTER TABLE orders ADD COLUMN ref text;
