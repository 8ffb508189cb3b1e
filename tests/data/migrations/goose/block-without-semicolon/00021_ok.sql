-- +goose Up
-- +goose StatementBegin
CREATE TABLE bar (id int)
-- +goose StatementEnd
-- +goose Down
DROP TABLE bar;
