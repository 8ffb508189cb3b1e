ALTER TABLE items RENAME TO items_old;
CREATE TABLE items (id integer PRIMARY KEY, name text NOT NULL);
INSERT INTO items (id, name) SELECT id, name FROM items_old;
DROP TABLE items_old;
