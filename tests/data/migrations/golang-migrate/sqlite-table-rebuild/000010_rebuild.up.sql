PRAGMA foreign_keys=off;
CREATE TABLE orders_new (id INTEGER PRIMARY KEY, note TEXT NOT NULL DEFAULT '');
INSERT INTO orders_new (id, note) SELECT id, COALESCE(note, '') FROM orders;
DROP TABLE orders;
ALTER TABLE orders_new RENAME TO orders;
PRAGMA foreign_keys=on;
