-- +goose Up
CREATE TABLE ok (id int);
-- +goose Down
DROP TABLE ok;
