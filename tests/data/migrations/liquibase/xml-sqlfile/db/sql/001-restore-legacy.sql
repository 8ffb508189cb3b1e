CREATE TABLE legacy (id int);
