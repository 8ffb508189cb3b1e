CREATE TABLE premises (id int, notes text);
