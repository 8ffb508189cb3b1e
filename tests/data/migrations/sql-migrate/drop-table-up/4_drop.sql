-- +migrate Up
DROP TABLE IF EXISTS people_old CASCADE;
-- +migrate Down
CREATE TABLE people_old (id int);
