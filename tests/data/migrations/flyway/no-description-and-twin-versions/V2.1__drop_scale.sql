ALTER TABLE folder DROP COLUMN image_scale;
