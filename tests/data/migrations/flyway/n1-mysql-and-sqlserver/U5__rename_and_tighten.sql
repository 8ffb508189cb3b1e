ALTER TABLE orders RENAME INDEX idx_b TO idx_a;
ALTER TABLE orders DROP COLUMN region;
ALTER TABLE orders DROP INDEX orders_ref_uq;
ALTER TABLE orders MODIFY `code` varchar(50);
ALTER TABLE orders CHANGE `comment` `note` varchar(255);
RENAME TABLE clients TO customers;
