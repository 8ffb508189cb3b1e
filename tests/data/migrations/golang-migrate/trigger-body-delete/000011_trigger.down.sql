DROP TRIGGER orders_cleanup;
