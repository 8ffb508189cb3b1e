SELECT 1;
UPDATE orders SET note = NULL WHERE note = '';
