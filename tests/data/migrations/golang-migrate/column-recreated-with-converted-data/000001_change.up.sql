CREATE TABLE scratch_ids AS SELECT id, CAST(ref AS integer) AS ref FROM orders;
ALTER TABLE orders DROP COLUMN ref;
ALTER TABLE orders ADD COLUMN ref integer;
UPDATE orders SET ref = s.ref FROM scratch_ids s WHERE s.id = orders.id;
DROP TABLE scratch_ids;
