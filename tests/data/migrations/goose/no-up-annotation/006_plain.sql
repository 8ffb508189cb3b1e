CREATE TABLE plain (id int);
