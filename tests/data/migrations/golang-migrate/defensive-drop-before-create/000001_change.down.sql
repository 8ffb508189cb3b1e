DROP TABLE accounts_new;
