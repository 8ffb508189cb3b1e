-- +goose Up
-- +goose StatementBegin
ALTER TABLE orders ADD COLUMN note text;
-- +goose StatementEnd

-- +goose Down
-- nothing to do
