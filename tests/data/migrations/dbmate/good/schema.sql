CREATE TABLE roles (name text);
