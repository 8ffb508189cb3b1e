-- DROP TABLE orders;
/* DELETE FROM orders; /* nested */ TRUNCATE orders; */
INSERT INTO audit (msg) VALUES ('DROP TABLE orders; DELETE FROM users');
INSERT INTO audit (msg) VALUES (E'it\'s; DROP TABLE x');
DROP INDEX IF EXISTS orders_note_idx;
ALTER TABLE orders DROP CONSTRAINT orders_note_check;
ALTER TABLE orders ALTER COLUMN note DROP DEFAULT, ALTER COLUMN note DROP NOT NULL;
DROP VIEW order_notes;
DROP FUNCTION IF EXISTS note_len(text);
DROP TRIGGER IF EXISTS t_note ON orders;
DROP SEQUENCE IF EXISTS note_seq;
DROP TYPE IF EXISTS note_kind;
CREATE FUNCTION purge() RETURNS void AS $fn$
BEGIN
  DELETE FROM orders WHERE note IS NULL;
END
$fn$ LANGUAGE plpgsql;
