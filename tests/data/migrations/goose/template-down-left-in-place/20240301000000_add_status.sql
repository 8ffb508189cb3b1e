-- +goose Up
-- +goose StatementBegin
ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new';
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
SELECT 'down SQL query';
-- +goose StatementEnd
