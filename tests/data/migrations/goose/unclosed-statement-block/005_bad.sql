-- +goose Up
-- +goose StatementBegin
CREATE TABLE x (id int);
-- +goose Down
DROP TABLE x;
