ALTER TABLE sessions ALTER COLUMN token TYPE character varying;
