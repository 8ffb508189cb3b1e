ALTER TABLE orders RENAME COLUMN note TO comment;
ALTER TABLE customers RENAME TO clients;
ALTER TABLE orders ADD COLUMN currency text NOT NULL;
ALTER TABLE orders ALTER COLUMN total TYPE integer USING total::integer;
ALTER TABLE orders ADD CONSTRAINT orders_ref_uq UNIQUE (ref);
ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES clients (id) NOT VALID;
ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
CREATE UNIQUE INDEX CONCURRENTLY orders_code_uq ON orders (code);
