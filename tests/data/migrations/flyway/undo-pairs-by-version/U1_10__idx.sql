DROP INDEX orders_note;
