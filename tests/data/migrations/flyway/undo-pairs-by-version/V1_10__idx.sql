CREATE INDEX orders_note ON orders (note);
