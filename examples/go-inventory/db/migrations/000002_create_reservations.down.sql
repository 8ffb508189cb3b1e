BEGIN;
DROP INDEX IF EXISTS reservations_order_item_uniq;
DROP INDEX IF EXISTS reservations_item_id_idx;
DROP TABLE IF EXISTS reservations;
COMMIT;
