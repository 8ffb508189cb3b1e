ALTER TABLE orders_archive RENAME orders;
