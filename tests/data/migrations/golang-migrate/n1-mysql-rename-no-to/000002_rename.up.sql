ALTER TABLE orders RENAME orders_archive;
