-- migrate:up
CREATE TABLE roles (
  name text PRIMARY KEY
);
INSERT INTO roles VALUES ('admin');

-- migrate:down
DROP TABLE roles;
