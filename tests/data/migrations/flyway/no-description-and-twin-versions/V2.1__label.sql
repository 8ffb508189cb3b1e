ALTER TABLE folder ADD COLUMN label text;
