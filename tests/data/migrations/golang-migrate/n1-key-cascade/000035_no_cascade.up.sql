ALTER TABLE orders DROP CONSTRAINT orders_note_check;

ALTER TABLE order_lines ADD CONSTRAINT fk_lines_orders FOREIGN KEY (order_id) REFERENCES orders(id);
