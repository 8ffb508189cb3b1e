-- Reservations v2 keeps a running total on the item row instead of summing reservations.
ALTER TABLE items ADD COLUMN reserved INTEGER NOT NULL DEFAULT 0;
ALTER TABLE items ADD CONSTRAINT items_reserved_le_on_hand CHECK (reserved <= on_hand) NOT VALID;

UPDATE items i
   SET reserved = r.total
  FROM (SELECT item_id, SUM(quantity) AS total FROM reservations GROUP BY item_id) r
 WHERE r.item_id = i.id;
