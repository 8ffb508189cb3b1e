CREATE TRIGGER orders_cleanup AFTER DELETE ON customers
FOR EACH ROW
BEGIN
  DELETE FROM orders WHERE customer_id = OLD.id;
  UPDATE stats SET n = n - 1;
END;
