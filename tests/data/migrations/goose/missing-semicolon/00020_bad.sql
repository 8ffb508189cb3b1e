-- +goose Up
SELECT * FROM foo;
CREATE TABLE bar (id int)
-- +goose Down
DROP TABLE bar;
