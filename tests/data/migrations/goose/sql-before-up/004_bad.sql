-- a comment is fine
CREATE TABLE x (id int);
-- +goose Up
SELECT 1;
-- +goose Down
SELECT 1;
