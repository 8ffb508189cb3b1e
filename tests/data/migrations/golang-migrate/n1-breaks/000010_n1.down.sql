DROP INDEX orders_code_uq;
ALTER TABLE orders ALTER COLUMN status DROP NOT NULL;
ALTER TABLE orders DROP CONSTRAINT orders_customer_fk;
ALTER TABLE orders DROP CONSTRAINT orders_ref_uq;
ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2);
ALTER TABLE orders DROP COLUMN currency;
ALTER TABLE clients RENAME TO customers;
ALTER TABLE orders RENAME COLUMN comment TO note;
