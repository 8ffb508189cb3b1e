ALTER TABLE order_lines DROP CONSTRAINT fk_lines_orders;
