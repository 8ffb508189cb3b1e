-- migrate:up
CREATE TABLE users (id serial PRIMARY KEY);
