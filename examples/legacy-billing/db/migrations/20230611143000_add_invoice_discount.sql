-- +goose Up
ALTER TABLE invoices ADD COLUMN discount_cents BIGINT NOT NULL DEFAULT 0;
ALTER TABLE invoices ADD COLUMN discount_reason TEXT;

-- +goose Down
-- nothing to do
