RENAME TABLE customers TO clients;
ALTER TABLE orders CHANGE `note` `comment` varchar(255);
ALTER TABLE orders MODIFY `code` varchar(20) NOT NULL;
ALTER TABLE orders ADD UNIQUE INDEX orders_ref_uq (ref);
ALTER TABLE orders ADD COLUMN region varchar(10) NOT NULL;
ALTER TABLE orders RENAME INDEX idx_a TO idx_b;
