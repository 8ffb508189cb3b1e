UPDATE orders SET note = NULL WHERE note = '';
