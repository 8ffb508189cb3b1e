CREATE TABLE client (id text);
