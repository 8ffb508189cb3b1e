-- +migrate Up
CREATE TABLE more (id int);
-- +migrate Down
DROP TABLE more;
