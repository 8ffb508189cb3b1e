DROP TABLE IF EXISTS accounts_new;
CREATE TABLE accounts_new (id integer PRIMARY KEY);
