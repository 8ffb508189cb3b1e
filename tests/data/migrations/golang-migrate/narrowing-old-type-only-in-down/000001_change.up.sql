ALTER TABLE sessions ALTER COLUMN token TYPE character(26);
