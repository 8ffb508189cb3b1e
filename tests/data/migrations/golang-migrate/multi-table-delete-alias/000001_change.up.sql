DELETE o FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.deleted = 1;
