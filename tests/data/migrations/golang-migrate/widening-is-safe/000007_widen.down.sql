ALTER TABLE users ALTER COLUMN id TYPE integer, ALTER COLUMN name TYPE varchar(50);
