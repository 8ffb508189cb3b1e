ALTER TABLE orders ADD note varchar(200);
